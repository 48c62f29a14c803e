package io.paygate.localrun;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a browser and a client app do over HTTP, step by step, without following redirects on its own. */
final class Browser {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FORM = Pattern.compile("<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ATTRIBUTE = Pattern.compile("(name|value)=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    record Page(int status, String body, String location) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** The response headers of a GET, names in lower case. */
    Map<String, java.util.List<String>> headers(String url, String... headers) {
        var request = HttpRequest.newBuilder(URI.create(url)).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            var response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            var names = new java.util.TreeMap<String, java.util.List<String>>();
            response.headers().map().forEach((name, values) -> names.put(name.toLowerCase(java.util.Locale.ROOT), values));
            return names;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Page get(String url, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), headers);
    }

    Page postJson(String url, Object body, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))), headers);
    }

    Page postText(String url, String text) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "text/plain;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }

    Page postForm(String url, Map<String, String> fields, String... headers) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields))), headers);
    }

    /** Submits the first form of a page the way a browser would (its action, method POST, its inputs). */
    Page submitFirstForm(String pageUrl, String html) {
        Matcher form = FORM.matcher(html);
        if (!form.find()) {
            throw new AssertionError("no form on the page: " + html);
        }
        String action = form.group(1).replace("&amp;", "&");
        var fields = new LinkedHashMap<String, String>();
        Matcher input = INPUT.matcher(form.group(2));
        while (input.find()) {
            String name = null;
            String value = "";
            Matcher attribute = ATTRIBUTE.matcher(input.group());
            while (attribute.find()) {
                if (attribute.group(1).equalsIgnoreCase("name")) {
                    name = attribute.group(2);
                } else {
                    value = attribute.group(2).replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
                }
            }
            if (name != null) {
                fields.put(name, value);
            }
        }
        return postForm(URI.create(pageUrl).resolve(action).toString(), fields);
    }

    static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private Page send(HttpRequest.Builder request, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            var response = http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Page(response.statusCode(), response.body(), response.headers().firstValue("Location").orElse(null));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
