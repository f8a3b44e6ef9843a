package io.strongroom.it;

import io.strongroom.testkit.Endpoint;
import io.strongroom.testkit.RawRequests;
import io.strongroom.testkit.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sts.StsClient;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request bodies as clients really send them over a socket: in pieces with pauses, after an
 * {@code Expect: 100-continue} handshake, or not at all because the client went away.
 */
class RequestBodiesIT {
    static TestServer server;
    static Endpoint endpoint;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        endpoint = server.endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String account() {
        try (StsClient sts = endpoint.client(StsClient.builder())) {
            return sts.getCallerIdentity().account();
        }
    }

    private static RawRequests.Raw getCallerIdentity() {
        return RawRequests.query(endpoint.uri(), "sts",
                RawRequests.identity(endpoint.accessKeyId(), endpoint.secretAccessKey(), null),
                "Action=GetCallerIdentity&Version=2011-06-15", Clock.systemUTC());
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(endpoint.uri().getHost(), endpoint.uri().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    private static byte[] head(RawRequests.Raw raw, String... extraHeaders) {
        return head(raw, raw.body().getBytes(StandardCharsets.UTF_8).length, extraHeaders);
    }

    /** The request line and headers, with {@code contentLength} declared whatever the body is. */
    private static byte[] head(RawRequests.Raw raw, long contentLength, String... extraHeaders) {
        StringBuilder head = new StringBuilder(raw.method()).append(' ').append(raw.uri().getRawPath())
                .append(" HTTP/1.1\r\n");
        boolean host = false;
        for (Map.Entry<String, List<String>> header : raw.headers().entrySet()) {
            if (header.getKey().equalsIgnoreCase("content-length")) {
                continue;
            }
            host |= header.getKey().equalsIgnoreCase("host");
            for (String value : header.getValue()) {
                head.append(header.getKey()).append(": ").append(value).append("\r\n");
            }
        }
        if (!host) {
            head.append("Host: ").append(endpoint.uri().getAuthority()).append("\r\n");
        }
        for (String extra : extraHeaders) {
            head.append(extra).append("\r\n");
        }
        head.append("Content-Length: ").append(contentLength).append("\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Everything the server sends until it has sent a complete answer with a Content-Length, or closes. */
    private static String readAnswer(InputStream in, String until) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!seen.toString(StandardCharsets.UTF_8).contains(until)) {
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            seen.write(buffer, 0, n);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aBodySentInPiecesWithPausesIsReadWhole() throws Exception {
        RawRequests.Raw raw = getCallerIdentity();
        byte[] body = raw.body().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(raw));
            out.flush();
            for (int at = 0; at < body.length; at += 7) {
                out.write(body, at, Math.min(7, body.length - at));
                out.flush();
                Thread.sleep(30);
            }
            String answer = readAnswer(socket.getInputStream(), "</GetCallerIdentityResponse>");

            assertThat(answer).startsWith("HTTP/1.1 200").contains("<Account>" + account() + "</Account>");
        }
    }

    @Test
    void theBodyFollowsAHundredContinue() throws Exception {
        RawRequests.Raw raw = getCallerIdentity();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(head(raw, "Expect: 100-continue"));
            out.flush();
            InputStream in = socket.getInputStream();
            assertThat(readAnswer(in, "\r\n\r\n")).startsWith("HTTP/1.1 100");

            out.write(raw.body().getBytes(StandardCharsets.UTF_8));
            out.flush();
            String answer = readAnswer(in, "</GetCallerIdentityResponse>");

            assertThat(answer).startsWith("HTTP/1.1 200").contains("<Arn>");
        }
    }

    @Test
    void aClientThatLeavesMidBodyDoesNotStopTheServer() throws Exception {
        RawRequests.Raw raw = getCallerIdentity();
        byte[] body = raw.body().getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20; i++) {
            try (Socket socket = connect()) {
                socket.getOutputStream().write(head(raw));
                socket.getOutputStream().write(body, 0, body.length / 2);
                socket.getOutputStream().flush();
            }
        }

        assertThat(account()).matches("[0-9]{12}");
    }

    @Test
    void aDeclaredLengthNoBodyCanHoldIsRefusedAtOnce() throws Exception {
        RawRequests.Raw put = RawRequests.rest(endpoint.uri(), "s3", "PUT", "/some-bucket/big-object",
                RawRequests.identity(endpoint.accessKeyId(), endpoint.secretAccessKey(), null), "", Clock.systemUTC());
        try (Socket socket = connect()) {
            socket.getOutputStream().write(head(put, 5L << 40));
            socket.getOutputStream().flush();
            String answer = readAnswer(socket.getInputStream(), "</Error>");

            assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>EntityTooLarge</Code>",
                    "<ProposedSize>5497558138880</ProposedSize>");
        }
        try (Socket socket = connect()) {
            socket.getOutputStream().write(head(getCallerIdentity(), 3_000_000_000L));
            socket.getOutputStream().flush();
            String answer = readAnswer(socket.getInputStream(), "</ErrorResponse>");

            assertThat(answer).startsWith("HTTP/1.1 413").contains("<Code>EntityTooLarge</Code>");
        }
    }

    @Test
    void aBodyThatStopsArrivingIsAnsweredWithRequestTimeout() throws Exception {
        RawRequests.Raw raw = getCallerIdentity();
        byte[] body = raw.body().getBytes(StandardCharsets.UTF_8);
        try (Socket socket = connect()) {
            // The connection's idle time is 30 s; the answer comes then, not a reset or a hang.
            socket.setSoTimeout(90_000);
            socket.getOutputStream().write(head(raw, body.length + 100L));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            String answer = readAnswer(socket.getInputStream(), "</ErrorResponse>");

            assertThat(answer).startsWith("HTTP/1.1 400").contains("<Code>RequestTimeout</Code>");
        }
    }
}
