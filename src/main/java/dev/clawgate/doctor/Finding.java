package dev.clawgate.doctor;

/**
 * One thing {@code clawgate doctor} found.
 *
 * @param subject what it is about: a provider id, a model reference, or {@code gateway}
 * @param problem what is wrong, with the numbers and addresses involved
 * @param fix what to do about it, concretely (a command, a config key and value)
 */
public record Finding(Severity severity, String subject, String problem, String fix) {

    public enum Severity {
        /** Requests will fail until this is fixed. */
        ERROR,
        /** Requests may fail or be slow; worth fixing. */
        WARNING,
        /** Healthy, or a measurement (probe results). */
        OK
    }

    public boolean needsFixing() {
        return severity != Severity.OK;
    }
}
