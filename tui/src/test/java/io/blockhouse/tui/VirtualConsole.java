package io.blockhouse.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.blockhouse.tui.api.ApiClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The console running on Lanterna's virtual terminal (80x24 unless told), on a thread of its own; tests type keys
 * and read the screen. Waiting is by condition with a generous deadline, never by fixed sleeps.
 */
final class VirtualConsole implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);

    private final PacedTerminal terminal;

    /**
     * Hands keys to the console one at a time, as a typist would: the next key is queued only when the console has
     * read the previous one and has since been polling for input for a while, i.e. whatever window the key opened
     * is the one waiting for input now. (Lanterna reads every queued key in one go, and a key's action may close one
     * window and open another before the next key is meant to be read.)
     */
    static final class PacedTerminal extends DefaultVirtualTerminal {
        private final java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
        /** Empty polls since the last key was read: the console's loop is idle, waiting for input. */
        private final java.util.concurrent.atomic.AtomicLong idlePolls = new java.util.concurrent.atomic.AtomicLong();
        private static final int IDLE_POLLS = 25;

        PacedTerminal(TerminalSize size) {
            super(size);
        }

        @Override
        public synchronized KeyStroke pollInput() {
            KeyStroke k = super.pollInput();
            if (k != null) {
                idlePolls.set(0);
                read.incrementAndGet();
            } else {
                idlePolls.incrementAndGet();
            }
            return k;
        }

        @Override
        public synchronized KeyStroke readInput() {
            KeyStroke k = super.readInput();
            if (k != null) {
                idlePolls.set(0);
                read.incrementAndGet();
            }
            return k;
        }

        void send(KeyStroke key) {
            Instant deadline = Instant.now().plus(WAIT);
            while (read.get() < sent.get() || idlePolls.get() < IDLE_POLLS) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("the console stopped reading keys");
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
            sent.incrementAndGet();
            addInput(key);
        }
    }
    private final TerminalScreen screen;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Console console;

    VirtualConsole(Path socket, boolean ascii, int columns, int rows) throws Exception {
        terminal = new PacedTerminal(new TerminalSize(columns, rows));
        screen = new TerminalScreen(terminal);
        // Lanterna's GUI thread is the thread that creates the GUI, so the console is built on its own thread.
        java.util.concurrent.CompletableFuture<Console> built = new java.util.concurrent.CompletableFuture<>();
        thread = new Thread(() -> {
            try (Console c = new Console(screen, new ApiClient(socket), ascii, "default")) {
                built.complete(c);
                c.run();
            } catch (Throwable t) {
                built.completeExceptionally(t);
                failure.set(t);
            }
        }, "virtual-console");
        thread.setDaemon(true);
        thread.start();
        console = built.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    VirtualConsole(Path socket) throws Exception {
        this(socket, false, 80, 24);
    }

    DefaultVirtualTerminal terminal() {
        return terminal;
    }

    /** Types {@code text} character by character. */
    VirtualConsole type(String text) {
        for (char c : text.toCharArray()) {
            terminal.send(new KeyStroke(c, false, false));
        }
        return this;
    }

    VirtualConsole key(KeyType type, int times) {
        for (int i = 0; i < times; i++) {
            terminal.send(new KeyStroke(type));
        }
        return this;
    }

    VirtualConsole key(KeyType type) {
        return key(type, 1);
    }

    VirtualConsole enter() {
        return key(KeyType.Enter);
    }

    VirtualConsole tab(int times) {
        return key(KeyType.Tab, times);
    }

    VirtualConsole escape() {
        return key(KeyType.Escape);
    }

    /** What the console last drew on the terminal, one line per row. */
    String text() {
        StringBuilder b = new StringBuilder();
        TerminalSize size = screen.getTerminalSize();
        for (int row = 0; row < size.getRows(); row++) {
            for (int col = 0; col < size.getColumns(); col++) {
                b.append(screen.getFrontCharacter(col, row).getCharacterString());
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** Waits until the screen shows {@code expected}; fails with the screen's content otherwise. */
    VirtualConsole await(String expected) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!text().contains(expected)) {
            if (failure.get() != null) {
                throw new AssertionError("the console ended with " + failure.get(), failure.get());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("screen never showed \"" + expected + "\"; it shows:\n" + text());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        return this;
    }

    /** Waits until the screen no longer shows {@code gone}. */
    VirtualConsole awaitGone(String gone) {
        Instant deadline = Instant.now().plus(WAIT);
        while (text().contains(gone)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("screen still shows \"" + gone + "\":\n" + text());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted");
            }
        }
        return this;
    }

    Throwable failure() {
        return failure.get();
    }

    boolean running() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        console.requestStop();
        thread.join(10_000);
    }
}
