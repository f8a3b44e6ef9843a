package io.strongroom.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The most bytes one TCP stream carries over 127.0.0.1 on this machine, with nothing else to do: no HTTP, no disk,
 * no checksum. It bounds any GetObject throughput a client on the same machine can see.
 *
 * <pre>java -cp strongroom-benchmarks/target/benchmarks.jar io.strongroom.benchmarks.LoopbackThroughput [GiB] [rounds]</pre>
 */
public final class LoopbackThroughput {
    private static final int BUFFER = 1 << 20;

    private LoopbackThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long bytes = (args.length > 0 ? Long.parseLong(args[0]) : 4L) << 30;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("round %d: %.0f MiB/s over one loopback stream (%d GiB)%n", round,
                    round(bytes), bytes >> 30);
        }
    }

    private static double round(long bytes) throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Thread receiver = new Thread(() -> drain(server));
            receiver.start();
            try (Socket client = new Socket("127.0.0.1", server.getLocalPort());
                 OutputStream out = client.getOutputStream()) {
                byte[] buffer = new byte[BUFFER];
                long start = System.nanoTime();
                for (long sent = 0; sent < bytes; sent += buffer.length) {
                    out.write(buffer);
                }
                client.shutdownOutput();
                receiver.join();
                return bytes / (1024.0 * 1024.0) / ((System.nanoTime() - start) / 1e9);
            }
        }
    }

    private static void drain(ServerSocket server) {
        try (Socket socket = server.accept(); InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[BUFFER];
            while (in.read(buffer) >= 0) {
                // only the bytes' passage is measured
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
