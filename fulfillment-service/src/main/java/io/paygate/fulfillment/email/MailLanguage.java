package io.paygate.fulfillment.email;

/**
 * The language of everything this service writes (mails and admin messages); configured as
 * {@code zh} (default) or {@code en}. Its templates are under {@code fulfillment/templates/<folder>/}.
 */
public enum MailLanguage {
    ZH("zh"),
    EN("en");

    private final String folder;

    MailLanguage(String folder) {
        this.folder = folder;
    }

    String folder() {
        return folder;
    }
}
