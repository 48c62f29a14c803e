package io.paygate.fulfillment.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/**
 * The words of one language, from resources under {@code fulfillment/templates/<language>/}:
 * {@code <name>.txt} and {@code <name>.html} mail bodies, and {@code lines.properties} for
 * one-line texts (subjects, admin messages, labels).
 *
 * <p>The whole template language is {@code {{name}}}: replaced by the value of that name, in
 * one pass, so a value that itself contains {@code {{…}}} stays literal text. In HTML every
 * value is HTML-escaped; in text, line breaks in a value become spaces (values are one-line
 * facts, and a merchant's product name must not start a line of its own in the receipt). A
 * name without a value is an error, never an empty gap. Everything is loaded when the service
 * starts, so a missing template stops the start instead of the first mail.
 */
final class Templates {

    static final String[] MAILS = {"receipt", "refund", "alert"};
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z][A-Za-z0-9]*)}}");
    private static final Pattern LINE_BREAKS = Pattern.compile("[\\r\\n\\t\\u2028\\u2029]+");

    private final MailLanguage language;
    private final Map<String, String> bodies;
    private final Properties lines;

    private Templates(MailLanguage language, Map<String, String> bodies, Properties lines) {
        this.language = language;
        this.bodies = bodies;
        this.lines = lines;
    }

    static Templates load(MailLanguage language) {
        String folder = "fulfillment/templates/" + language.folder() + "/";
        Map<String, String> bodies = new HashMap<>();
        for (String mail : MAILS) {
            bodies.put(mail + ".txt", read(folder + mail + ".txt"));
            bodies.put(mail + ".html", read(folder + mail + ".html"));
        }
        var lines = new Properties();
        try (var reader = new InputStreamReader(open(folder + "lines.properties"), StandardCharsets.UTF_8)) {
            lines.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Templates(language, Map.copyOf(bodies), lines);
    }

    MailLanguage language() {
        return language;
    }

    /** The plain-text body of a mail. */
    String text(String mail, Map<String, String> values) {
        return render(mail + ".txt", body(mail + ".txt"), values, Templates::oneLine);
    }

    /** The HTML body of a mail, each value escaped. */
    String html(String mail, Map<String, String> values) {
        return render(mail + ".html", body(mail + ".html"), values, value -> HtmlUtils.htmlEscape(value, "UTF-8"));
    }

    /** A one-line text from {@code lines.properties}. */
    String line(String key, Map<String, String> values) {
        String template = lines.getProperty(key);
        if (template == null) {
            throw new IllegalArgumentException("no line '" + key + "' in the " + language.folder() + " templates");
        }
        return render(key, template, values, Templates::oneLine);
    }

    String line(String key) {
        return line(key, Map.of());
    }

    private String body(String name) {
        return bodies.get(name);
    }

    private String render(String name, String template, Map<String, String> values, UnaryOperator<String> escape) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        var out = new StringBuilder(template.length() + 256);
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalArgumentException("template " + language.folder() + "/" + name + " needs a value for "
                        + placeholder.group(1));
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        placeholder.appendTail(out);
        return out.toString();
    }

    private static String oneLine(String value) {
        return LINE_BREAKS.matcher(value).replaceAll(" ");
    }

    private static String read(String resource) {
        try (InputStream in = open(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = Templates.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("template resource " + resource + " is missing");
        }
        return in;
    }
}
