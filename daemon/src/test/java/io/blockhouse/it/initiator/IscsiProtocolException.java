package io.blockhouse.it.initiator;

import java.io.IOException;

/** The target broke RFC 7143 (or sent something this initiator cannot accept). */
public class IscsiProtocolException extends IOException {

    private static final long serialVersionUID = 1L;

    public IscsiProtocolException(String message) {
        super(message);
    }
}
