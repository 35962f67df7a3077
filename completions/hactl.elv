
use builtin;
use str;

set edit:completion:arg-completer[hactl] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'hactl'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'hactl'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the Patroni members for a given Patroni'
            cand topology 'Prints ASCII topology for given cluster'
            cand switchover 'Switchover to a replica, then wait until the cluster has converged on it'
            cand failover 'Failover to a replica, then wait until the cluster has converged on it'
            cand flush 'Discard scheduled events'
            cand completion 'Print a shell completion script'
            cand generate 'Write completions/ and man/ (for maintainers)'
            cand lab 'Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks'
            cand etcd 'The etcd cluster under the DCS: health and quorum, status, members, alarms'
            cand sentinel 'Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;list'= {
            cand --group 'Citus group'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -w 'Auto update the screen every X seconds'
            cand --watch 'Auto update the screen every X seconds'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --all 'List every cluster under the namespace (one etcd read)'
            cand -e 'Show some extra information'
            cand --extended 'Show some extra information'
            cand -t 'Print timestamp'
            cand --timestamp 'Print timestamp'
            cand -W 'Auto update the screen every 2 seconds'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;topology'= {
            cand --group 'Citus group'
            cand -w 'Auto update the screen every X seconds'
            cand --watch 'Auto update the screen every X seconds'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -W 'Auto update the screen every 2 seconds'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;switchover'= {
            cand --group 'Citus group'
            cand --leader 'The name of the current leader (checked against the leader key)'
            cand --primary 'The name of the current leader (checked against the leader key)'
            cand --master 'The name of the current leader (checked against the leader key)'
            cand --candidate 'The name of the candidate (default: the best eligible member)'
            cand --timeout 'Seconds to wait for the cluster to converge (default: from the cluster''s ttl and loop_wait)'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --scheduled 'Timestamp of a scheduled switchover in unambiguous format (e.g. ISO 8601), or now'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --force 'Do not ask for confirmation at any point'
            cand --dry-run 'Print the plan (every check and its verdict) and change nothing'
            cand --no-wait 'Return once the request is accepted, without waiting for the outcome'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;failover'= {
            cand --group 'Citus group'
            cand --leader 'The name of the current leader (checked against the leader key)'
            cand --primary 'The name of the current leader (checked against the leader key)'
            cand --master 'The name of the current leader (checked against the leader key)'
            cand --candidate 'The name of the candidate (default: the best eligible member)'
            cand --timeout 'Seconds to wait for the cluster to converge (default: from the cluster''s ttl and loop_wait)'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --force 'Do not ask for confirmation at any point'
            cand --dry-run 'Print the plan (every check and its verdict) and change nothing'
            cand --no-wait 'Return once the request is accepted, without waiting for the outcome'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;flush'= {
            cand --group 'Citus group'
            cand -r 'Flush only members with this role'
            cand --role 'Flush only members with this role'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --force 'Do not ask for confirmation at any point'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;completion'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;generate'= {
            cand --dir 'The repository root: completions/ and man/ are written below it'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;lab'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand up 'Start (or complete) the lab and wait until it is healthy'
            cand down 'Stop everything the lab started, by pid, and remove its data'
            cand status 'Show what the lab runs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;lab;up'= {
            cand --dir 'Lab directory (state, data, logs)'
            cand --cluster 'A Patroni cluster to run, as SCOPE or SCOPE:VERSION (VERSION 4 or 3); repeatable'
            cand --members 'Members per cluster'
            cand --etcd-port 'First etcd client port (the members use PORT, PORT+2, PORT+4)'
            cand --timeout 'Seconds to wait for each part to become healthy'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --no-redis 'Do not start Redis and its Sentinels'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;lab;down'= {
            cand --dir 'Lab directory (state, data, logs)'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;lab;status'= {
            cand --dir 'Lab directory (state, data, logs)'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;lab;help'= {
            cand up 'Start (or complete) the lab and wait until it is healthy'
            cand down 'Stop everything the lab started, by pid, and remove its data'
            cand status 'Show what the lab runs'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;lab;help;up'= {
        }
        &'hactl;lab;help;down'= {
        }
        &'hactl;lab;help;status'= {
        }
        &'hactl;lab;help;help'= {
        }
        &'hactl;etcd'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand health 'Check each endpoint: a linearizable read and the alarms; say whether quorum holds'
            cand status 'Show each endpoint''s member id, version, DB size, leader, raft term and index, errors'
            cand members 'List the members of the cluster'
            cand alarms 'List the active alarms (NOSPACE, CORRUPT)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;etcd;health'= {
            cand --endpoints 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --cluster 'Check every member in the member list, not only the given endpoints'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;etcd;status'= {
            cand --endpoints 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --cluster 'Check every member in the member list, not only the given endpoints'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;etcd;members'= {
            cand --endpoints 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;etcd;alarms'= {
            cand --endpoints 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;etcd;help'= {
            cand health 'Check each endpoint: a linearizable read and the alarms; say whether quorum holds'
            cand status 'Show each endpoint''s member id, version, DB size, leader, raft term and index, errors'
            cand members 'List the members of the cluster'
            cand alarms 'List the active alarms (NOSPACE, CORRUPT)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;etcd;help;health'= {
        }
        &'hactl;etcd;help;status'= {
        }
        &'hactl;etcd;help;members'= {
        }
        &'hactl;etcd;help;alarms'= {
        }
        &'hactl;etcd;help;help'= {
        }
        &'hactl;sentinel'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand masters 'List the masters the Sentinels monitor, with their flags, replicas and quorum'
            cand replicas 'List a master''s replicas: flags, link status, offsets, priority'
            cand sentinels 'List the other Sentinels watching a master'
            cand get-master-addr 'Print a master''s address (GET-MASTER-ADDR-BY-NAME)'
            cand ckquorum 'Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)'
            cand failover 'Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;sentinel;masters'= {
            cand --sentinel 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order'
            cand --sentinel-timeout 'Seconds to wait for each Sentinel connection and command'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;sentinel;replicas'= {
            cand --sentinel 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order'
            cand --sentinel-timeout 'Seconds to wait for each Sentinel connection and command'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;sentinel;sentinels'= {
            cand --sentinel 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order'
            cand --sentinel-timeout 'Seconds to wait for each Sentinel connection and command'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;sentinel;get-master-addr'= {
            cand --sentinel 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order'
            cand --sentinel-timeout 'Seconds to wait for each Sentinel connection and command'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;sentinel;ckquorum'= {
            cand --sentinel 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order'
            cand --sentinel-timeout 'Seconds to wait for each Sentinel connection and command'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;sentinel;failover'= {
            cand --timeout 'Seconds to wait for the new master (and, with --wait, its replicas) before exiting 5'
            cand --sentinel 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order'
            cand --sentinel-timeout 'Seconds to wait for each Sentinel connection and command'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --force 'Do not ask for confirmation'
            cand --wait 'Also wait until the new master''s replicas follow it'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;sentinel;help'= {
            cand masters 'List the masters the Sentinels monitor, with their flags, replicas and quorum'
            cand replicas 'List a master''s replicas: flags, link status, offsets, priority'
            cand sentinels 'List the other Sentinels watching a master'
            cand get-master-addr 'Print a master''s address (GET-MASTER-ADDR-BY-NAME)'
            cand ckquorum 'Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)'
            cand failover 'Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;sentinel;help;masters'= {
        }
        &'hactl;sentinel;help;replicas'= {
        }
        &'hactl;sentinel;help;sentinels'= {
        }
        &'hactl;sentinel;help;get-master-addr'= {
        }
        &'hactl;sentinel;help;ckquorum'= {
        }
        &'hactl;sentinel;help;failover'= {
        }
        &'hactl;sentinel;help;help'= {
        }
        &'hactl;help'= {
            cand list 'List the Patroni members for a given Patroni'
            cand topology 'Prints ASCII topology for given cluster'
            cand switchover 'Switchover to a replica, then wait until the cluster has converged on it'
            cand failover 'Failover to a replica, then wait until the cluster has converged on it'
            cand flush 'Discard scheduled events'
            cand completion 'Print a shell completion script'
            cand generate 'Write completions/ and man/ (for maintainers)'
            cand lab 'Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks'
            cand etcd 'The etcd cluster under the DCS: health and quorum, status, members, alarms'
            cand sentinel 'Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;help;list'= {
        }
        &'hactl;help;topology'= {
        }
        &'hactl;help;switchover'= {
        }
        &'hactl;help;failover'= {
        }
        &'hactl;help;flush'= {
        }
        &'hactl;help;completion'= {
        }
        &'hactl;help;generate'= {
        }
        &'hactl;help;lab'= {
            cand up 'Start (or complete) the lab and wait until it is healthy'
            cand down 'Stop everything the lab started, by pid, and remove its data'
            cand status 'Show what the lab runs'
        }
        &'hactl;help;lab;up'= {
        }
        &'hactl;help;lab;down'= {
        }
        &'hactl;help;lab;status'= {
        }
        &'hactl;help;etcd'= {
            cand health 'Check each endpoint: a linearizable read and the alarms; say whether quorum holds'
            cand status 'Show each endpoint''s member id, version, DB size, leader, raft term and index, errors'
            cand members 'List the members of the cluster'
            cand alarms 'List the active alarms (NOSPACE, CORRUPT)'
        }
        &'hactl;help;etcd;health'= {
        }
        &'hactl;help;etcd;status'= {
        }
        &'hactl;help;etcd;members'= {
        }
        &'hactl;help;etcd;alarms'= {
        }
        &'hactl;help;sentinel'= {
            cand masters 'List the masters the Sentinels monitor, with their flags, replicas and quorum'
            cand replicas 'List a master''s replicas: flags, link status, offsets, priority'
            cand sentinels 'List the other Sentinels watching a master'
            cand get-master-addr 'Print a master''s address (GET-MASTER-ADDR-BY-NAME)'
            cand ckquorum 'Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)'
            cand failover 'Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified'
        }
        &'hactl;help;sentinel;masters'= {
        }
        &'hactl;help;sentinel;replicas'= {
        }
        &'hactl;help;sentinel;sentinels'= {
        }
        &'hactl;help;sentinel;get-master-addr'= {
        }
        &'hactl;help;sentinel;ckquorum'= {
        }
        &'hactl;help;sentinel;failover'= {
        }
        &'hactl;help;help'= {
        }
    ]
    $completions[$command]
}
