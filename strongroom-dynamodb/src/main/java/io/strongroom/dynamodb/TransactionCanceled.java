package io.strongroom.dynamodb;

import io.strongroom.kernel.ErrorCode;
import io.strongroom.kernel.ServiceException;

import java.util.List;
import java.util.stream.Collectors;

/** TransactionCanceledException: nothing was written; one reason per action of the request, in its order. */
public final class TransactionCanceled extends ServiceException {
    private final List<CancellationReason> reasons;

    TransactionCanceled(List<CancellationReason> reasons) {
        super(ErrorCode.of("TransactionCanceledException"), "Transaction cancelled, please refer cancellation "
                + "reasons for specific reasons " + reasons.stream().map(CancellationReason::code)
                .collect(Collectors.joining(", ", "[", "]")));
        this.reasons = List.copyOf(reasons);
    }

    public List<CancellationReason> reasons() {
        return reasons;
    }
}
