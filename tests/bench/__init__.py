"""`make bench`: throughput, latency, SQL queries and memory against a bare Django floor."""
