package dev.clawgate.gateway;

/** A request that cannot be decoded; answered 400 in the API's error shape. */
public final class InvalidRequestException extends RuntimeException {

    private final String param;

    public InvalidRequestException(String message, String param) {
        super(message, null, false, false);
        this.param = param;
    }

    /** The field at fault ({@code messages[2].content}), or null. */
    public String param() {
        return param;
    }

    public ApiError toApiError() {
        return ApiError.invalid(getMessage(), param);
    }
}
