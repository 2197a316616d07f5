package io.blockhouse.it;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs libiscsi's {@code iscsi-inq} CLI as an independent initiator (one-way and mutual CHAP via the URL). */
public final class IscsiInq {

    /** Exit code and combined output of one run. */
    public record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    private IscsiInq() {
    }

    /**
     * Builds {@code iscsi://user%secret@host:port/iqn/lun[?target_user=..&target_password=..]}; any of the CHAP
     * parts may be null.
     */
    public static String url(String host, int port, String iqn, int lun, String user, String secret,
                             String targetUser, String targetSecret) {
        StringBuilder url = new StringBuilder("iscsi://");
        if (user != null) {
            url.append(user).append('%').append(secret).append('@');
        }
        url.append(host).append(':').append(port).append('/').append(iqn).append('/').append(lun);
        if (targetUser != null) {
            url.append("?target_user=").append(URLEncoder.encode(targetUser, StandardCharsets.UTF_8))
                    .append("&target_password=").append(URLEncoder.encode(targetSecret, StandardCharsets.UTF_8));
        }
        return url.toString();
    }

    /** Runs {@code iscsi-inq -i initiatorName url} with a 30 s bound. */
    public static Result run(String initiatorName, String url) throws IOException, InterruptedException {
        String binary = External.requireCommand("iscsi-inq").toString();
        Process process = new ProcessBuilder(List.of(binary, "-i", initiatorName, url)).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("iscsi-inq hung on " + url);
        }
        return new Result(process.exitValue(), output);
    }
}
