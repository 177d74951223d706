package dev.clawgate.routing;

import dev.clawgate.catalog.DataPolicy;
import dev.clawgate.catalog.ModelSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The data policy at the head of a chain walk (chat and embeddings alike): which candidates it rules out,
 * how a skip reads, and the refusal when it rules out every one. It decides from the catalog only, so a
 * candidate outside the policy is never contacted (fail closed).
 */
final class DataPolicyGate {

    private DataPolicyGate() {}

    /** The skip message for a candidate the policy rules out, or null when it may be contacted. */
    static String skipMessage(DataPolicy policy, ModelSpec model) {
        String refusal = policy.refusal(model);
        return refusal == null ? null : refusal + " and was not contacted";
    }

    /** True when the policy rules out every candidate of the chain. */
    static boolean blocksAll(DataPolicy policy, List<ModelSpec> chain) {
        return policy.restricts() && chain.stream().allMatch(m -> policy.refusal(m) != null);
    }

    /**
     * The refusal when nothing is left: one skipped attempt per candidate (added to {@code attempts}) and a
     * message listing each with its reason, ending in what to configure.
     */
    static PrivacyBlockedException blocked(DataPolicy policy, List<ModelSpec> chain, List<Attempt> attempts,
            String fix) {
        String head = DataPolicy.PREFIX + policy.describe() + ": ";
        List<String> reasons = new ArrayList<>();
        for (ModelSpec model : chain) {
            String message = skipMessage(policy, model);
            attempts.add(new Attempt(model.ref(), null, 0, message, Duration.ZERO, true));
            reasons.add(message.startsWith(head) ? message.substring(head.length()) : message);
        }
        String configure = policy.localOnly() ? "configure a local " + fix
                : "configure a " + fix + " in one of those regions, or set the provider's region";
        return new PrivacyBlockedException(head + String.join("; ", reasons) + "; " + configure, attempts);
    }
}
