package io.blockhouse.mgmt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a request's JSON body, refusing a missing or malformed one with a message that names the field. */
final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * @param what the resource's name, the prefix of the field path in the message (e.g. "device.size")
     * @throws MgmtException invalid_request: no body, or one that does not map onto {@code type}
     */
    static <T> T read(ObjectMapper json, String body, Class<T> type, String what) throws MgmtException {
        try {
            T value = body == null || body.isBlank() ? null : json.readValue(body, type);
            if (value == null) {
                throw MgmtException.invalid("invalid_request", what + ": a JSON body is required");
            }
            return value;
        } catch (JsonProcessingException e) {
            String field = e instanceof JsonMappingException m && !m.getPath().isEmpty()
                    ? what + "." + m.getPath().get(m.getPath().size() - 1).getFieldName() : what;
            throw MgmtException.invalid("invalid_request", field + ": " + e.getOriginalMessage());
        }
    }
}
