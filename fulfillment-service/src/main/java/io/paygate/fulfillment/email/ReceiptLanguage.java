package io.paygate.fulfillment.email;

/** The languages a receipt can be written in; configured as {@code zh} or {@code en}. */
public enum ReceiptLanguage {
    ZH,
    EN
}
