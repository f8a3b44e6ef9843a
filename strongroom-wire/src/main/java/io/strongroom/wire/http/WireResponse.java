package io.strongroom.wire.http;

/** An HTTP response ready to be written. */
public record WireResponse(int status, Headers headers, byte[] body) {
    public WireResponse {
        body = body == null ? new byte[0] : body;
    }
}
