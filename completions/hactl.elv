
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand apply 'Execute a saved plan, only on the cluster it was made for (re-read and compared first)'
            cand plan 'Saved plans: show one in words'
            cand flush 'Discard scheduled events'
            cand pause 'Disable auto failover (maintenance mode)'
            cand resume 'Resume auto failover'
            cand restart 'Restart cluster members, one at a time, each verified back before the next'
            cand reload 'Reload cluster member configuration'
            cand reinit 'Reinitialize cluster members'
            cand version 'Output the version of hactl and of each member''s Patroni and PostgreSQL'
            cand show-config 'Show cluster configuration'
            cand edit-config 'Edit cluster configuration (a compare-and-swap: a concurrent change is never overwritten)'
            cand history 'Show the history of failovers/switchovers'
            cand dsn 'Generate a dsn for the provided member, defaults to a dsn of the leader'
            cand query 'Query a Patroni PostgreSQL member'
            cand remove 'Remove cluster from DCS'
            cand demote-cluster 'Demote cluster to a standby cluster'
            cand promote-cluster 'Promote cluster, make it run standalone'
            cand context 'Contexts: named configurations (sites, etcd clusters) in one file; list, show, use, current'
            cand completion 'Print a shell completion script'
            cand generate 'Write completions/ and man/ (for maintainers)'
            cand lab 'Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks'
            cand etcd 'The etcd cluster under the DCS: health and quorum, status, members, alarms'
            cand sentinel 'Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover'
            cand check 'Nagios/Icinga plugin: check one service of the cluster (check_patroni''s services and more)'
            cand status 'Every tier at once (etcd, Patroni, PostgreSQL, proxies, Sentinel): a verdict each and their disagreements'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --all 'List every cluster under the namespace (in pages at one revision)'
            cand -e 'Show some extra information'
            cand --extended 'Show some extra information'
            cand -t 'Print timestamp'
            cand --timestamp 'Print timestamp'
            cand -W 'Auto update the screen every 2 seconds'
            cand --all-contexts 'Read every context of the contexts file at once, under one deadline (--dcs-timeout)'
            cand --allow-unreachable 'With --all-contexts: exit 0 even when a context''s etcd does not answer (it is still named)'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --plan 'Execute a plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)'
            cand --max-age 'With --plan: refuse a plan made more than SECONDS ago'
            cand --timeout 'Seconds to wait for the cluster to converge (default: from the cluster''s ttl and loop_wait)'
            cand --probe 'Measure write downtime on the applications'' path: a libpq DSN through it (HAProxy''s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section''s DSN; written to every --probe-interval while the action runs'
            cand --probe-ro 'Measure read downtime on the read path: a libpq DSN through it (HAProxy''s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs'
            cand --probe-interval 'Milliseconds between two probe attempts'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --plan 'Execute a plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)'
            cand --max-age 'With --plan: refuse a plan made more than SECONDS ago'
            cand --timeout 'Seconds to wait for the cluster to converge (default: from the cluster''s ttl and loop_wait)'
            cand --probe 'Measure write downtime on the applications'' path: a libpq DSN through it (HAProxy''s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section''s DSN; written to every --probe-interval while the action runs'
            cand --probe-ro 'Measure read downtime on the read path: a libpq DSN through it (HAProxy''s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs'
            cand --probe-interval 'Milliseconds between two probe attempts'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --force 'Do not ask for confirmation at any point'
            cand --dry-run 'Print the plan (every check and its verdict) and change nothing'
            cand --no-wait 'Return once the request is accepted, without waiting for the outcome'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;apply'= {
            cand --max-age 'Refuse a plan made more than SECONDS ago'
            cand --timeout 'Seconds to wait for the cluster to converge (default: from the cluster''s ttl and loop_wait)'
            cand --probe 'Measure write downtime on the applications'' path: a libpq DSN through it (HAProxy''s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section''s DSN; written to every --probe-interval while the action runs'
            cand --probe-ro 'Measure read downtime on the read path: a libpq DSN through it (HAProxy''s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs'
            cand --probe-interval 'Milliseconds between two probe attempts'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --force 'Do not ask for confirmation at any point'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;plan'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;plan;show'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;plan;help'= {
            cand show 'Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;plan;help;show'= {
        }
        &'hactl;plan;help;help'= {
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --force 'Do not ask for confirmation at any point'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;pause'= {
            cand --group 'Citus group'
            cand --timeout 'Seconds to wait with --wait (default: the cluster''s ttl + loop_wait + 10)'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --wait 'Wait until every member reports the new state'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;resume'= {
            cand --group 'Citus group'
            cand --timeout 'Seconds to wait with --wait (default: the cluster''s ttl + loop_wait + 10)'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --wait 'Wait until every member reports the new state'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;restart'= {
            cand --group 'Citus group'
            cand --scheduled 'Timestamp of a scheduled restart in unambiguous format (e.g. ISO 8601)'
            cand --pg-version 'Restart if the PostgreSQL version is less than provided (e.g. 9.5.2)'
            cand --timeout 'Return error and fail over if necessary when restarting takes longer than this'
            cand --plan 'Execute a restart plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)'
            cand --max-age 'With --plan: refuse a plan made more than SECONDS ago'
            cand --probe 'Measure write downtime on the applications'' path: a libpq DSN through it (HAProxy''s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section''s DSN; written to every --probe-interval while the action runs'
            cand --probe-ro 'Measure read downtime on the read path: a libpq DSN through it (HAProxy''s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs'
            cand --probe-interval 'Milliseconds between two probe attempts'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -r 'Restart only members with this role'
            cand --role 'Restart only members with this role'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --any 'Restart a single member only'
            cand --pending 'Restart if pending'
            cand --force 'Do not ask for confirmation at any point'
            cand --dry-run 'Print the plan (the members in order, every check and its verdict) and change nothing'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;reload'= {
            cand --group 'Citus group'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -r 'Reload only members with this role'
            cand --role 'Reload only members with this role'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --force 'Do not ask for confirmation at any point'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;reinit'= {
            cand --group 'Citus group'
            cand --timeout 'Seconds to wait with --wait (default 3600)'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --force 'Do not ask for confirmation at any point'
            cand --from-leader 'Get basebackup from leader'
            cand --wait 'Wait until reinitialization completes: the member streams again on a new postmaster'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;version'= {
            cand --group 'Citus group'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;show-config'= {
            cand --group 'Citus group'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hactl;edit-config'= {
            cand --group 'Citus group'
            cand -s 'Set specific configuration value. Can be specified multiple times'
            cand --set 'Set specific configuration value. Can be specified multiple times'
            cand -p 'Set specific PostgreSQL parameter value. Shorthand for -s postgresql.parameters. Can be specified multiple times'
            cand --pg 'Set specific PostgreSQL parameter value. Shorthand for -s postgresql.parameters. Can be specified multiple times'
            cand --apply 'Apply configuration from file. Use - for stdin'
            cand --replace 'Apply configuration from file, replacing existing configuration. Use - for stdin'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -q 'Do not show changes'
            cand --quiet 'Do not show changes'
            cand --force 'Do not ask for confirmation at any point'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;history'= {
            cand --group 'Citus group'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;dsn'= {
            cand --group 'Citus group'
            cand -r 'Give a dsn of any member with this role'
            cand --role 'Give a dsn of any member with this role'
            cand -m 'Generate a dsn for this member'
            cand --member 'Generate a dsn for this member'
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'hactl;query'= {
            cand --group 'Citus group'
            cand --format 'Output format (pretty, tsv, json, yaml)'
            cand -f 'Execute the SQL commands from this file (- for standard input)'
            cand --file 'Execute the SQL commands from this file (- for standard input)'
            cand -U 'database user name'
            cand --username 'database user name'
            cand -w 'Auto update the screen every X seconds'
            cand --watch 'Auto update the screen every X seconds'
            cand -r 'The role of the query'
            cand --role 'The role of the query'
            cand -m 'Query a specific member'
            cand --member 'Query a specific member'
            cand --delimiter 'The column delimiter'
            cand --command 'The SQL commands to execute (-c after the subcommand)'
            cand --dbname 'database name to connect to (-d after the subcommand)'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --password 'force password prompt'
            cand -W 'Auto update the screen every 2 seconds'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;remove'= {
            cand --group 'Citus group'
            cand -f 'Output format of the member list shown first'
            cand --format 'Output format of the member list shown first'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --force 'Do not ask: remove a cluster that has no leader without the confirmations'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;demote-cluster'= {
            cand --host 'Address of the remote node'
            cand --port 'Port of the remote node'
            cand --restore-command 'Command to restore WAL records from the remote primary'
            cand --primary-slot-name 'Name of the slot on the remote node to use for replication'
            cand --timeout 'Seconds to wait for the new role (default: from the cluster''s ttl and loop_wait)'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --force 'Do not ask for confirmation at any point'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;promote-cluster'= {
            cand --timeout 'Seconds to wait for the new role (default: from the cluster''s ttl and loop_wait)'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --force 'Do not ask for confirmation at any point'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;context'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the contexts: where each points, its scope and etcd, and which is current'
            cand show 'Show one context (the current one by default) as it resolves; secrets only by their source'
            cand use 'Make NAME the current context (rewrites only the current-context line of the file)'
            cand current 'Print the current context''s name'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;context;list'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;context;show'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;context;use'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;context;current'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;context;help'= {
            cand list 'List the contexts: where each points, its scope and etcd, and which is current'
            cand show 'Show one context (the current one by default) as it resolves; secrets only by their source'
            cand use 'Make NAME the current context (rewrites only the current-context line of the file)'
            cand current 'Print the current context''s name'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'hactl;context;help;list'= {
        }
        &'hactl;context;help;show'= {
        }
        &'hactl;context;help;use'= {
        }
        &'hactl;context;help;current'= {
        }
        &'hactl;context;help;help'= {
        }
        &'hactl;completion'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --list-commands 'Print every visible subcommand path, one per line, instead (for the help snapshots)'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --pg-port 'Where the clusters'' PostgreSQL ports start: the first free ones from PORT up are taken (a lab keeps the ports it was created with)'
            cand --api-port 'Where the clusters'' Patroni REST API ports start, likewise'
            cand --redis-port 'Redis master port (its replica uses PORT+1, the Sentinels PORT+20000 to PORT+20002)'
            cand --timeout 'Seconds to wait for each part to become healthy'
            cand --synchronous-mode 'Patroni''s synchronous_mode for the clusters of --cluster: off, on, strict (on with synchronous_mode_strict) or quorum'
            cand --standby 'A standby cluster SCOPE that replicates from PRIMARY, a cluster already running in this lab (start it first); repeatable'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand --no-redis 'Do not start Redis and its Sentinels'
            cand --secured 'TLS and passwords everywhere: etcd with client certificates and users, Patroni''s REST API over HTTPS with client certificates and basic auth, Redis with a password (certificates and passwords are made in DIR/tls; ctl.yml holds what clients need)'
            cand --proxies 'Put the proxy tier in front of each cluster of --cluster: a PgBouncer per member (ports from 6432) and an HAProxy (write, read and stats ports from 5000) that routes by the agents'' GET /primary and GET /replica; ctl.yml then has their haproxy and pgbouncer sections (plain lab only, not with --secured)'
            cand --pgpool 'Put a Pgpool-II in front of each cluster of --cluster (streaming-replication mode, port from 9999, PCP port after it; no failover commands: Patroni decides); ctl.yml then has its pgpool section (plain lab only, not with --secured)'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
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
        &'hactl;check'= {
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
        }
        &'hactl;status'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand --timeout 'Seconds every tier has to answer, all at once (etcd within the smaller of this and --dcs-timeout)'
            cand -U 'The user to read the leader''s replication views as (default: PGUSER, else the OS user)'
            cand --username 'The user to read the leader''s replication views as (default: PGUSER, else the OS user)'
            cand --dbname 'The database to connect to on the leader (default: PGDATABASE, else the user''s)'
            cand --sentinel 'A Sentinel to ask (repeat it; default: the configuration''s sentinel.hosts)'
            cand -w 'Auto update the screen every X seconds'
            cand --watch 'Auto update the screen every X seconds'
            cand -c 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand --config-file 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]'
            cand -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs-url 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --dcs 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]'
            cand --color 'When to use colour'
            cand --dcs-timeout 'Seconds to wait for etcd before giving up'
            cand --context 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]'
            cand -W 'Auto update the screen every 2 seconds'
            cand --all-contexts 'Report on every context of the contexts file at once (each its configured scope)'
            cand --allow-unreachable 'With --all-contexts: an UNREACHABLE context does not fail the command (it is still shown)'
            cand -k 'Allow connections to SSL sites without certs'
            cand --insecure 'Allow connections to SSL sites without certs'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'hactl;help'= {
            cand list 'List the Patroni members for a given Patroni'
            cand topology 'Prints ASCII topology for given cluster'
            cand switchover 'Switchover to a replica, then wait until the cluster has converged on it'
            cand failover 'Failover to a replica, then wait until the cluster has converged on it'
            cand apply 'Execute a saved plan, only on the cluster it was made for (re-read and compared first)'
            cand plan 'Saved plans: show one in words'
            cand flush 'Discard scheduled events'
            cand pause 'Disable auto failover (maintenance mode)'
            cand resume 'Resume auto failover'
            cand restart 'Restart cluster members, one at a time, each verified back before the next'
            cand reload 'Reload cluster member configuration'
            cand reinit 'Reinitialize cluster members'
            cand version 'Output the version of hactl and of each member''s Patroni and PostgreSQL'
            cand show-config 'Show cluster configuration'
            cand edit-config 'Edit cluster configuration (a compare-and-swap: a concurrent change is never overwritten)'
            cand history 'Show the history of failovers/switchovers'
            cand dsn 'Generate a dsn for the provided member, defaults to a dsn of the leader'
            cand query 'Query a Patroni PostgreSQL member'
            cand remove 'Remove cluster from DCS'
            cand demote-cluster 'Demote cluster to a standby cluster'
            cand promote-cluster 'Promote cluster, make it run standalone'
            cand context 'Contexts: named configurations (sites, etcd clusters) in one file; list, show, use, current'
            cand completion 'Print a shell completion script'
            cand generate 'Write completions/ and man/ (for maintainers)'
            cand lab 'Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks'
            cand etcd 'The etcd cluster under the DCS: health and quorum, status, members, alarms'
            cand sentinel 'Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover'
            cand check 'Nagios/Icinga plugin: check one service of the cluster (check_patroni''s services and more)'
            cand status 'Every tier at once (etcd, Patroni, PostgreSQL, proxies, Sentinel): a verdict each and their disagreements'
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
        &'hactl;help;apply'= {
        }
        &'hactl;help;plan'= {
            cand show 'Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words'
        }
        &'hactl;help;plan;show'= {
        }
        &'hactl;help;flush'= {
        }
        &'hactl;help;pause'= {
        }
        &'hactl;help;resume'= {
        }
        &'hactl;help;restart'= {
        }
        &'hactl;help;reload'= {
        }
        &'hactl;help;reinit'= {
        }
        &'hactl;help;version'= {
        }
        &'hactl;help;show-config'= {
        }
        &'hactl;help;edit-config'= {
        }
        &'hactl;help;history'= {
        }
        &'hactl;help;dsn'= {
        }
        &'hactl;help;query'= {
        }
        &'hactl;help;remove'= {
        }
        &'hactl;help;demote-cluster'= {
        }
        &'hactl;help;promote-cluster'= {
        }
        &'hactl;help;context'= {
            cand list 'List the contexts: where each points, its scope and etcd, and which is current'
            cand show 'Show one context (the current one by default) as it resolves; secrets only by their source'
            cand use 'Make NAME the current context (rewrites only the current-context line of the file)'
            cand current 'Print the current context''s name'
        }
        &'hactl;help;context;list'= {
        }
        &'hactl;help;context;show'= {
        }
        &'hactl;help;context;use'= {
        }
        &'hactl;help;context;current'= {
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
        &'hactl;help;check'= {
        }
        &'hactl;help;status'= {
        }
        &'hactl;help;help'= {
        }
    ]
    $completions[$command]
}
