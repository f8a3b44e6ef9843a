package io.strongroom.rds.h2;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DB endpoint: a PostgreSQL-protocol listener on 127.0.0.1 that leads every connection to one database of
 * the shared H2 PostgreSQL server. It reads the client's messages (and passes the server's through untouched) so
 * that it can
 * <ul>
 *   <li>refuse a database name other than the endpoint's (PostgreSQL's {@code 3D000}), and name the H2 database
 *       by its path under the server's base directory;</li>
 *   <li>answer SSL and GSS encryption requests with "not supported", as a server without TLS does;</li>
 *   <li>turn the session settings H2 does not know ({@code SET extra_float_digits}, {@code SET application_name},
 *       which the PostgreSQL JDBC driver sends on every connect) into H2 session variables.</li>
 * </ul>
 */
final class PostgresEndpoint implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSS_REQUEST = 80877104;
    private static final int CANCEL_REQUEST = 80877102;
    private static final int PROTOCOL_3 = 196608;
    private static final Pattern UNKNOWN_SETTING = Pattern.compile(
            "\\s*SET\\s+(?:SESSION\\s+)?(extra_float_digits|application_name)\\s*(?:=|\\s+TO\\s)\\s*(.+?)\\s*;?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final ServerSocket listener;
    private final int serverPort;
    private final String h2Database;
    private final String dbName;
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean closed;

    private PostgresEndpoint(ServerSocket listener, int serverPort, String h2Database, String dbName) {
        this.listener = listener;
        this.serverPort = serverPort;
        this.h2Database = h2Database;
        this.dbName = dbName;
    }

    /** Listens on {@code port} (0: any free port); fails with an IOException when the port is taken. */
    static PostgresEndpoint open(int port, int serverPort, String h2Database, String dbName) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        PostgresEndpoint endpoint = new PostgresEndpoint(socket, serverPort, h2Database, dbName);
        Thread acceptor = new Thread(endpoint::accept, "rds-endpoint-" + socket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return endpoint;
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (!track(client)) {
                    return;
                }
                Thread session = new Thread(() -> serve(client), "rds-session-" + port());
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    private synchronized boolean track(Socket socket) throws IOException {
        if (closed) {
            socket.close();
            return false;
        }
        open.add(socket);
        return true;
    }

    private synchronized void untrack(Socket socket) {
        open.remove(socket);
    }

    private void serve(Socket client) {
        Socket server = null;
        try (client) {
            client.setTcpNoDelay(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(client.getInputStream()));
            DataOutputStream toClient = new DataOutputStream(new BufferedOutputStream(client.getOutputStream()));
            byte[] startup = startup(in, toClient);
            if (startup == null) {
                return;
            }
            server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
            server.setTcpNoDelay(true);
            if (!track(server)) {
                return;
            }
            DataOutputStream toServer = new DataOutputStream(new BufferedOutputStream(server.getOutputStream()));
            toServer.write(startup);
            toServer.flush();
            Socket backend = server;
            Thread replies = new Thread(() -> pump(backend, client), "rds-replies-" + port());
            replies.setDaemon(true);
            replies.start();
            forwardMessages(in, toServer);
        } catch (IOException e) {
            // The client or the database went away: the session is over.
        } finally {
            closeQuietly(server);
            untrack(client);
            if (server != null) {
                untrack(server);
            }
        }
    }

    /**
     * Reads the untyped start of a session; returns the startup message to send on, or null when the session
     * ends here (a refused database, a cancel request passed on, an unknown protocol).
     */
    private byte[] startup(DataInputStream in, DataOutputStream toClient) throws IOException {
        while (true) {
            int length = in.readInt();
            int code = in.readInt();
            if (length < 8 || length > 10_000) {
                return null;
            }
            byte[] rest = in.readNBytes(length - 8);
            if (code == SSL_REQUEST || code == GSS_REQUEST) {
                toClient.write('N');
                toClient.flush();
                continue;
            }
            if (code == CANCEL_REQUEST) {
                try (Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
                    DataOutputStream out = new DataOutputStream(server.getOutputStream());
                    out.writeInt(length);
                    out.writeInt(code);
                    out.write(rest);
                    out.flush();
                }
                return null;
            }
            if (code != PROTOCOL_3) {
                fatal(toClient, "0A000", "unsupported frontend protocol " + (code >> 16) + "." + (code & 0xffff));
                return null;
            }
            Map<String, String> params = parameters(rest);
            String database = params.getOrDefault("database", params.get("user"));
            if (!dbName.equals(database)) {
                fatal(toClient, "3D000", "database \"" + database + "\" does not exist");
                return null;
            }
            params.put("database", h2Database);
            return startupMessage(params);
        }
    }

    private static Map<String, String> parameters(byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        int at = 0;
        while (at < body.length && body[at] != 0) {
            int keyEnd = end(body, at);
            int valueEnd = end(body, keyEnd + 1);
            params.put(new String(body, at, keyEnd - at, StandardCharsets.UTF_8),
                    new String(body, keyEnd + 1, valueEnd - keyEnd - 1, StandardCharsets.UTF_8));
            at = valueEnd + 1;
        }
        return params;
    }

    private static byte[] startupMessage(Map<String, String> params) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (Map.Entry<String, String> p : params.entrySet()) {
            body.write(p.getKey().getBytes(StandardCharsets.UTF_8));
            body.write(0);
            body.write(p.getValue().getBytes(StandardCharsets.UTF_8));
            body.write(0);
        }
        body.write(0);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(message);
        out.writeInt(body.size() + 8);
        out.writeInt(PROTOCOL_3);
        body.writeTo(out);
        return message.toByteArray();
    }

    /** Typed messages from the client, each passed on, queries and statements to prepare rewritten if need be. */
    private static void forwardMessages(DataInputStream in, DataOutputStream toServer) throws IOException {
        while (true) {
            int type = in.read();
            if (type < 0) {
                return;
            }
            int length = in.readInt();
            if (length < 4) {
                return;
            }
            byte[] body = in.readNBytes(length - 4);
            if (type == 'Q') {
                body = rewriteSql(body, 0);
            } else if (type == 'P') {
                body = rewriteSql(body, end(body, 0) + 1);
            }
            toServer.write(type);
            toServer.writeInt(body.length + 4);
            toServer.write(body);
            toServer.flush();
        }
    }

    /** The message body with the SQL text that starts at {@code at} rewritten when H2 would not understand it. */
    static byte[] rewriteSql(byte[] body, int at) {
        if (at >= body.length) {
            return body;
        }
        int sqlEnd = end(body, at);
        String sql = new String(body, at, sqlEnd - at, StandardCharsets.UTF_8);
        String rewritten = rewrite(sql);
        if (rewritten.equals(sql)) {
            return body;
        }
        byte[] replacement = rewritten.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length - (sqlEnd - at) + replacement.length];
        System.arraycopy(body, 0, out, 0, at);
        System.arraycopy(replacement, 0, out, at, replacement.length);
        System.arraycopy(body, sqlEnd, out, at + replacement.length, body.length - sqlEnd);
        return out;
    }

    static String rewrite(String sql) {
        Matcher m = UNKNOWN_SETTING.matcher(sql);
        if (!m.matches()) {
            return sql;
        }
        return "SET @pg_" + m.group(1).toLowerCase(java.util.Locale.ROOT) + " = " + m.group(2);
    }

    private static int end(byte[] body, int from) {
        int at = from;
        while (at < body.length && body[at] != 0) {
            at++;
        }
        return at;
    }

    private static void fatal(DataOutputStream out, String sqlState, String message) throws IOException {
        ByteArrayOutputStream fields = new ByteArrayOutputStream();
        for (String[] f : new String[][]{{"S", "FATAL"}, {"V", "FATAL"}, {"C", sqlState}, {"M", message}}) {
            fields.write(f[0].charAt(0));
            fields.write(f[1].getBytes(StandardCharsets.UTF_8));
            fields.write(0);
        }
        fields.write(0);
        out.write('E');
        out.writeInt(fields.size() + 4);
        fields.writeTo(out);
        out.flush();
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed: close both below.
        } finally {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is best effort.
            }
        }
    }

    /** Stops listening and ends every session of this endpoint. */
    @Override
    public void close() {
        List<Socket> sessions;
        synchronized (this) {
            closed = true;
            sessions = List.copyOf(open);
            open.clear();
        }
        try {
            listener.close();
        } catch (IOException e) {
            // Closing is best effort.
        }
        sessions.forEach(PostgresEndpoint::closeQuietly);
    }
}
