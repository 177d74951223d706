package dev.clawgate.upstream.transport;

import java.util.regex.Pattern;

/**
 * What upstreams write when something fails, as patterns over lower-cased text (error body, message, or
 * type and code fields). Collected from the servers' sources and from failure reports; each group says
 * whose wording it covers.
 */
final class FailureTexts {

    private FailureTexts() {}

    /** Rate and quota limits measured per time window; these are never context overflows. */
    static final Pattern RATE_LIMIT = Pattern.compile(
            "rate[ _-]?limit|too many requests|tokens per (minute|day)|requests per (minute|day)|\\btp[md]\\b"
                    + "|\\brp[md]\\b|resource[ _]has been exhausted|resource_exhausted|quota exceeded"
                    + "|exceeded your current quota|throttl|model_cooldown|usage limit");

    /** A spend cap that resets (daily/monthly limits) rather than an empty account. */
    static final Pattern PERIODIC_LIMIT = Pattern.compile(
            "(daily|weekly|monthly|hourly) (usage |spend(ing)? |token )?limit|spend(ing)? limit|usage limit"
                    + "|try again (later|in)|limit (resets|will reset)");

    static final Pattern BILLING = Pattern.compile(
            "insufficient_quota|insufficient[ _](credits?|balance|funds)|credit balance|payment required"
                    + "|plans? (&|and) billing|billing|requires more credits|out of credits|add credits"
                    + "|top up|payment method");

    /** Credentials that will not start working by waiting: revoked, invalid, deactivated. */
    static final Pattern AUTH_PERMANENT = Pattern.compile(
            "invalid_api_key|(invalid|incorrect|revoked|deactivated|deleted|disabled|unknown) (x-)?api[ _-]?key"
                    + "|api[ _-]?key (is |was |has been )?(revoked|invalid|not valid|deactivated|deleted|disabled)"
                    + "|key has been (disabled|revoked)|account (has been )?(deactivated|disabled|suspended|banned)"
                    + "|deactivated_workspace|permission_error|not allowed for this organization"
                    + "|invalid (x-api-key|authentication credentials|bearer token)|organization (has been )?disabled");

    /** Temporarily unable to serve: overloaded, or (local servers) still loading the model. */
    static final Pattern OVERLOADED = Pattern.compile(
            "overloaded|high demand|over capacity|at capacity|no capacity|insufficient capacity|server is busy"
                    + "|server busy|maximum pending requests"
                    + "|too busy|loading model|model is (still |currently )?loading|currently loading"
                    + "|unavailable_error|model not ready|modelnotready");

    /**
     * The model is unknown or not loaded. Ollama: {@code model "x" not found, try pulling it first};
     * LM Studio: {@code No models loaded}, {@code Model ... not found}, {@code model_not_found}; vLLM:
     * {@code The model `x` does not exist.}; llama.cpp router: {@code model not found}; Anthropic
     * {@code not_found_error}; OpenRouter {@code No endpoints found for}.
     */
    static final Pattern MODEL_NOT_FOUND = Pattern.compile(
            "model_not_found|no models? (are )?loaded|try pulling it first|not_found_error|no endpoints found for"
                    + "|no such model|(unknown|invalid|unsupported|nonexistent) model|is not a valid model"
                    + "|model[^.\\n]{0,120}?(not found|does not exist|doesn't exist|not exist|is not loaded"
                    + "|not available|has been (deprecated|retired|removed))");

    /**
     * The request does not fit the context window. OpenAI {@code context_length_exceeded} / {@code maximum
     * context length}; Anthropic {@code prompt is too long}; vLLM {@code This model's maximum context length
     * is N tokens}; SGLang {@code is longer than the model's context length}; llama.cpp {@code exceeds the
     * available context size} / {@code exceed_context_size_error}; LM Studio {@code Trying to keep the first
     * N tokens when context the overflows} / {@code context length of N tokens, which is not enough};
     * Ollama {@code context length exceeded} / {@code input length exceeds the context length}.
     */
    static final Pattern CONTEXT_OVERFLOW = Pattern.compile(
            "context_length_exceeded|context_window_exceeded|exceed_context_size_error|context length exceeded"
                    + "|maximum context length|prompt is too long|exceeds? the available context size"
                    + "|context the overflows|keep the first \\d+ tokens|model token limit|request_too_large"
                    + "|reduce the length of the (messages|prompt|input)|too large for model with \\d+"
                    + "|exceeds the maximum number of tokens|input token count.{0,40}exceeds"
                    + "|context (length|size|window)[^.]{0,80}?(exceed|overflow|too long|too large|not enough"
                    + "|greater than|longer than|larger than)"
                    + "|(exceed|exceeds|exceeded|overflows?|too long|too large|greater than|longer than|larger than)"
                    + "[^.]{0,80}?context (length|size|window)");

    /** Texts that mention the context but are not an overflow of it. */
    static final Pattern NOT_CONTEXT_OVERFLOW = Pattern.compile(
            "context window (is )?too small|minimum context|below the minimum");
}
