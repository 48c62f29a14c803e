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
        return (value != null && !value.isBlank()) || file != null;
    }

    /**
     * The key text.
     *
     * @param name the configuration key, for the error message
     * @throws IllegalStateException naming the configuration key when the key is missing or unreadable
     */
    public String read(String name) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (file == null) {
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
        return file != null ? "KeySource[file=" + file + "]" : (isPresent() ? "KeySource[value=****]" : "KeySource[none]");
    }
}
