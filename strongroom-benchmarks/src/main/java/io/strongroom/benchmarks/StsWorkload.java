package io.strongroom.benchmarks;

import software.amazon.awssdk.services.sts.StsClient;

/** sts:GetCallerIdentity: the smallest signed call, no payload and no storage write beyond its CloudTrail event. */
final class StsWorkload implements Workload {
    @Override
    public String name() {
        return "sts:GetCallerIdentity";
    }

    @Override
    public Caller caller(SdkClients clients, int thread) {
        StsClient sts = clients.sts();
        return new Caller() {
            public long call() {
                sts.getCallerIdentity();
                return 0;
            }

            public void close() {
                sts.close();
            }
        };
    }
}
