package io.paygate.sandbox.wechat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Marks the parts of the WeChat Pay half: they exist only with {@code paygate.sandbox.wechat.enabled=true}. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ConditionalOnProperty(name = "paygate.sandbox.wechat.enabled", havingValue = "true")
@interface ConditionalOnWechatSandbox {
}
