package dev.clawgate.routing;

import dev.clawgate.budget.BudgetRefusal;
import java.util.List;

/**
 * A call refused by a budget ({@code onExceeded: "refuse"}, or {@code "local-only"} with no free model left
 * to answer). Nothing over the budget was contacted. An {@link AllCandidatesFailedException}, so every
 * caller that handles a failed chain handles this too; the gateway answers it with 429
 * {@code budget_exceeded} and {@code Retry-After} until the budget resets.
 */
public final class BudgetExceededException extends AllCandidatesFailedException {

    private final BudgetRefusal refusal;

    public BudgetExceededException(BudgetRefusal refusal, List<Attempt> attempts) {
        super("Budget exceeded: " + refusal.describe() + ". Raise the limit in the config, wait for the reset, or "
                + "set onExceeded: \"local-only\" to fall back to free local models", attempts, refusal.retryAfter());
        this.refusal = refusal;
    }

    public BudgetRefusal refusal() {
        return refusal;
    }
}
