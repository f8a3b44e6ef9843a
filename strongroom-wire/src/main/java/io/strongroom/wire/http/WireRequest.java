package io.strongroom.wire.http;

/**
 * An HTTP request as it came off the socket, with nothing of the server library in it.
 * {@code rawPath} and {@code rawQuery} are exactly as sent (still percent-encoded; query null when absent).
 */
public record WireRequest(String method, String rawPath, String rawQuery, Headers headers, byte[] body,
                          String remoteAddress) {
    public WireRequest {
        body = body == null ? new byte[0] : body;
        rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    }
}
