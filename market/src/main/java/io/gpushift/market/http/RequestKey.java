package io.gpushift.market.http;

import java.net.URI;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Identity of one HTTP GET in the shared cache: URL and request headers (API keys included, so two keys never share a
 * response). Header names are lower-cased. toString prints header names only, never values.
 */
public record RequestKey(URI url, Map<String, String> headers) {
    public RequestKey {
        Objects.requireNonNull(url, "url");
        TreeMap<String, String> sorted = new TreeMap<>();
        if (headers != null) headers.forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), Objects.requireNonNull(v)));
        headers = Collections.unmodifiableMap(sorted);
    }

    public static RequestKey of(URI url) {
        return new RequestKey(url, Map.of());
    }

    /** URL without query or fragment, for messages and the MarketValue source. */
    public String displayUrl() {
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    @Override
    public String toString() {
        return "GET " + url + (headers.isEmpty() ? "" : " headers=" + headers.keySet() + " (values redacted)");
    }
}
