package io.strongroom.storage.jdbc;

import io.strongroom.storage.Store;
import io.strongroom.storage.Tx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The child process of {@link CrashDurabilityTest}: writes records until killed, printing each key
 * only after the store has acknowledged it.
 * Arguments: store location, {@code write} or {@code batched}, number of writer threads.
 */
public final class CrashWriter {

    private CrashWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        Store store = StoreFactory.open(args[0]);
        boolean batched = args[1].equals("batched");
        // "later": runs of writes that do not each wait for the disk, acknowledged after one wait for all of them
        boolean later = args[1].equals("later");
        int threads = Integer.parseInt(args[2]);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int writer = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; ; i++) {
                    String key = "w" + writer + "-" + i;
                    Function<Tx, Long> work = tx -> tx.put("crash", key, value(key), Tx.ABSENT);
                    if (later) {
                        List<String> run = new ArrayList<>();
                        for (int j = 0; j < 8; j++, i++) {
                            String k = "w" + writer + "-" + i;
                            store.writeDurableLater(tx -> tx.put("crash", k, value(k), Tx.ABSENT));
                            run.add(k);
                        }
                        i--;
                        store.awaitWritesDurable();
                        run.forEach(k -> System.out.println("ACK " + k));
                        continue;
                    }
                    if (batched) {
                        store.writeBatched(work);
                    } else {
                        store.write(work);
                    }
                    System.out.println("ACK " + key);
                }
            });
            thread.start();
            writers.add(thread);
        }
        for (Thread thread : writers) {
            thread.join();
        }
    }

    static byte[] value(String key) {
        return ("value of " + key + " " + "x".repeat(200)).getBytes(StandardCharsets.UTF_8);
    }
}
