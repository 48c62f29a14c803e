package io.paygate.common.keys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A key given either inline (typically from an environment variable) or as a file path.
 * Its {@code toString} never shows the key.
 *
 * @param value inline PEM or Base64 text, or null
 * @param file  a path to a PEM file, or null
 */
public record KeySource(String value, Path file) {

    public boolean isPresent() {
        return hasValue() || hasFile();
    }

    private boolean hasValue() {
        return value != null && !value.isBlank();
    }

    /** An empty path (an unset environment variable in a placeholder) counts as no file. */
    private boolean hasFile() {
        return file != null && !file.toString().isBlank();
    }

    /**
     * The key text.
     *
     * @param name the configuration key, for the error message
     * @throws IllegalStateException naming the configuration key when the key is missing or unreadable
     */
    public String read(String name) {
        if (hasValue()) {
            return value;
        }
        if (!hasFile()) {
            throw new IllegalStateException(name + " is not configured: set " + name + ".value or " + name + ".file");
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalStateException(name + ".file cannot be read: " + file, e);
        }
    }

    @Override
    public String toString() {
        return hasFile() ? "KeySource[file=" + file + "]" : (hasValue() ? "KeySource[value=****]" : "KeySource[none]");
    }
}
