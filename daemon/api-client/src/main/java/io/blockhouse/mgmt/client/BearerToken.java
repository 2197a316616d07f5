package io.blockhouse.mgmt.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the API token a client presents: the file's content without surrounding white space (a final newline). */
final class BearerToken {

    private BearerToken() {
    }

    static String read(Path file) throws ApiClient.SetupException {
        if (file == null) {
            throw new ApiClient.SetupException("--token-file: required with --url (the TCP API needs a token)");
        }
        String token;
        try {
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ApiClient.SetupException("--token-file: cannot read " + file + ": " + e.getMessage(), e);
        }
        if (token.isEmpty()) {
            throw new ApiClient.SetupException("--token-file: " + file + " is empty");
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                // Anything else could not travel in an HTTP header (and a newline would inject one).
                throw new ApiClient.SetupException("--token-file: " + file
                        + " must hold one line of printable ASCII without spaces");
            }
        }
        return token;
    }
}
