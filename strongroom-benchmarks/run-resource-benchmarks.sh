#!/usr/bin/env bash
# Reruns the resource benchmarks of BENCHMARKS.md (DynamoDB and S3 through the SDK against Strongroom and moto,
# then snapshot/restore of every resource provider) and writes each log and CSV to strongroom-benchmarks/results/
# as NAME-COMMIT.txt/.csv. Build first: mvn -B -o install -DskipTests -pl strongroom-benchmarks -am
#
#   strongroom-benchmarks/run-resource-benchmarks.sh                      # everything (about an hour on a quiet machine)
#   strongroom-benchmarks/run-resource-benchmarks.sh s3-put-16k snapshot  # some of: dynamodb-put dynamodb-get
#                                                                         #   s3-put-1m s3-get-1m s3-put-16k s3-get-16k snapshot
# Environment: BENCH_SECONDS (20), BENCH_WARMUP (10), BENCH_REPEATS (3), BENCH_MIB (64), BENCH_GUARD (on|off).
set -euo pipefail
cd "$(dirname "$0")/.."
jar=strongroom-benchmarks/target/benchmarks.jar
out=strongroom-benchmarks/results
commit=$(git rev-parse --short HEAD)
seconds=${BENCH_SECONDS:-20}
warmup=${BENCH_WARMUP:-10}
repeats=${BENCH_REPEATS:-3}
guard=${BENCH_GUARD:-on}

load() {
    local name=$1
    shift
    java -XX:+UseSerialGC -Xmn512m -cp "$jar" io.strongroom.benchmarks.LoadHarness "$@" \
        --targets strongroom,moto --threads 1,16 --seconds "$seconds" --warmup "$warmup" --repeats "$repeats" \
        --quiet-guard "$guard" --csv "$out/$name-$commit.csv" | tee "$out/$name-$commit.txt"
}

selected=("$@")
if [ ${#selected[@]} -eq 0 ]; then
    selected=(dynamodb-put dynamodb-get s3-put-1m s3-get-1m s3-put-16k s3-get-16k snapshot)
fi
for benchmark in "${selected[@]}"; do
    case $benchmark in
        dynamodb-put) load dynamodb-put-item --workload dynamodb-put-item --item-size 1KiB ;;
        dynamodb-get) load dynamodb-get-item --workload dynamodb-get-item --item-size 1KiB ;;
        s3-put-1m) load s3-put-object-1mib --workload s3-put-object --object-size 1MiB ;;
        s3-get-1m) load s3-get-object-1mib --workload s3-get-object --object-size 1MiB ;;
        s3-put-16k) load s3-put-object-16kib --workload s3-put-object --object-size 16KiB ;;
        s3-get-16k) load s3-get-object-16kib --workload s3-get-object --object-size 16KiB ;;
        snapshot)
            java -Xmx6g -XX:+UseParallelGC -cp "$jar" io.strongroom.benchmarks.SnapshotRestoreHarness \
                --mib "${BENCH_MIB:-64}" --warmup 2 --repeats 5 --quiet-guard "$guard" \
                --csv "$out/snapshot-restore-$commit.csv" | tee "$out/snapshot-restore-$commit.txt" ;;
        *) echo "unknown benchmark $benchmark" >&2; exit 2 ;;
    esac
done
