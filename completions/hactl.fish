# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_hactl_global_optspecs
    string join \n c/config-file= d/dcs-url= k/insecure color= dcs-timeout= context= h/help V/version
end

function __fish_hactl_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_hactl_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_hactl_using_subcommand
    set -l cmd (__fish_hactl_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c hactl -n "__fish_hactl_needs_command" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_needs_command" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_needs_command" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_needs_command" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_needs_command" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_needs_command" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_needs_command" -s V -l version -d 'Print version'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "list" -d 'List the Patroni members for a given Patroni'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "topology" -d 'Prints ASCII topology for given cluster'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "switchover" -d 'Switchover to a replica, then wait until the cluster has converged on it'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "failover" -d 'Failover to a replica, then wait until the cluster has converged on it'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "apply" -d 'Execute a saved plan, only on the cluster it was made for (re-read and compared first)'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "plan" -d 'Saved plans: show one in words'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "flush" -d 'Discard scheduled events'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "pause" -d 'Disable auto failover (maintenance mode)'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "resume" -d 'Resume auto failover'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "restart" -d 'Restart cluster members, one at a time, each verified back before the next'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "reload" -d 'Reload cluster member configuration'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "reinit" -d 'Reinitialize cluster members'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "version" -d 'Output the version of hactl and of each member\'s Patroni and PostgreSQL'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "show-config" -d 'Show cluster configuration'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "edit-config" -d 'Edit cluster configuration (a compare-and-swap: a concurrent change is never overwritten)'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "history" -d 'Show the history of failovers/switchovers'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "dsn" -d 'Generate a dsn for the provided member, defaults to a dsn of the leader'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "query" -d 'Query a Patroni PostgreSQL member'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "remove" -d 'Remove cluster from DCS'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "demote-cluster" -d 'Demote cluster to a standby cluster'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "promote-cluster" -d 'Promote cluster, make it run standalone'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "context" -d 'Contexts: named configurations (sites, etcd clusters) in one file; list, show, use, current'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "completion" -d 'Print a shell completion script'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "generate" -d 'Write completions/ and man/ (for maintainers)'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "lab" -d 'Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "etcd" -d 'The etcd cluster under the DCS: health and quorum, status, members, alarms'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "sentinel" -d 'Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "check" -d 'Nagios/Icinga plugin: check one service of the cluster (check_patroni\'s services and more)'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "status" -d 'Every tier at once (etcd, Patroni, PostgreSQL, proxies, Sentinel): a verdict each and their disagreements'
complete -c hactl -n "__fish_hactl_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand list" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand list" -s f -l format -d 'Output format' -r -f -a "pretty\t''
tsv\t''
json\t''
yaml\t''"
complete -c hactl -n "__fish_hactl_using_subcommand list" -s w -l watch -d 'Auto update the screen every X seconds' -r
complete -c hactl -n "__fish_hactl_using_subcommand list" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand list" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand list" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand list" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand list" -l all -d 'List every cluster under the namespace (in pages at one revision)'
complete -c hactl -n "__fish_hactl_using_subcommand list" -s e -l extended -d 'Show some extra information'
complete -c hactl -n "__fish_hactl_using_subcommand list" -s t -l timestamp -d 'Print timestamp'
complete -c hactl -n "__fish_hactl_using_subcommand list" -s W -d 'Auto update the screen every 2 seconds'
complete -c hactl -n "__fish_hactl_using_subcommand list" -l all-contexts -d 'Read every context of the contexts file at once, under one deadline (--dcs-timeout)'
complete -c hactl -n "__fish_hactl_using_subcommand list" -l allow-unreachable -d 'With --all-contexts: exit 0 even when a context\'s etcd does not answer (it is still named)'
complete -c hactl -n "__fish_hactl_using_subcommand list" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand list" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand topology" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand topology" -s w -l watch -d 'Auto update the screen every X seconds' -r
complete -c hactl -n "__fish_hactl_using_subcommand topology" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand topology" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand topology" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand topology" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand topology" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand topology" -s W -d 'Auto update the screen every 2 seconds'
complete -c hactl -n "__fish_hactl_using_subcommand topology" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand topology" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l leader -l primary -l master -d 'The name of the current leader (checked against the leader key)' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l candidate -d 'The name of the candidate (default: the best eligible member)' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l plan -d 'Execute a plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l max-age -d 'With --plan: refuse a plan made more than SECONDS ago' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l timeout -d 'Seconds to wait for the cluster to converge (default: from the cluster\'s ttl and loop_wait)' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l probe -d 'Measure write downtime on the applications\' path: a libpq DSN through it (HAProxy\'s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section\'s DSN; written to every --probe-interval while the action runs' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l probe-ro -d 'Measure read downtime on the read path: a libpq DSN through it (HAProxy\'s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l probe-interval -d 'Milliseconds between two probe attempts' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l scheduled -d 'Timestamp of a scheduled switchover in unambiguous format (e.g. ISO 8601), or now' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l dry-run -d 'Print the plan (every check and its verdict) and change nothing'
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -l no-wait -d 'Return once the request is accepted, without waiting for the outcome'
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand switchover" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l leader -l primary -l master -d 'The name of the current leader (checked against the leader key)' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l candidate -d 'The name of the candidate (default: the best eligible member)' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l plan -d 'Execute a plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l max-age -d 'With --plan: refuse a plan made more than SECONDS ago' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l timeout -d 'Seconds to wait for the cluster to converge (default: from the cluster\'s ttl and loop_wait)' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l probe -d 'Measure write downtime on the applications\' path: a libpq DSN through it (HAProxy\'s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section\'s DSN; written to every --probe-interval while the action runs' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l probe-ro -d 'Measure read downtime on the read path: a libpq DSN through it (HAProxy\'s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l probe-interval -d 'Milliseconds between two probe attempts' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand failover" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand failover" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l dry-run -d 'Print the plan (every check and its verdict) and change nothing'
complete -c hactl -n "__fish_hactl_using_subcommand failover" -l no-wait -d 'Return once the request is accepted, without waiting for the outcome'
complete -c hactl -n "__fish_hactl_using_subcommand failover" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand failover" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand apply" -l max-age -d 'Refuse a plan made more than SECONDS ago' -r
complete -c hactl -n "__fish_hactl_using_subcommand apply" -l timeout -d 'Seconds to wait for the cluster to converge (default: from the cluster\'s ttl and loop_wait)' -r
complete -c hactl -n "__fish_hactl_using_subcommand apply" -l probe -d 'Measure write downtime on the applications\' path: a libpq DSN through it (HAProxy\'s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section\'s DSN; written to every --probe-interval while the action runs' -r
complete -c hactl -n "__fish_hactl_using_subcommand apply" -l probe-ro -d 'Measure read downtime on the read path: a libpq DSN through it (HAProxy\'s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs' -r
complete -c hactl -n "__fish_hactl_using_subcommand apply" -l probe-interval -d 'Milliseconds between two probe attempts' -r
complete -c hactl -n "__fish_hactl_using_subcommand apply" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand apply" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand apply" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand apply" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand apply" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand apply" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand apply" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand apply" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand apply" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand plan; and not __fish_seen_subcommand_from show help" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand plan; and not __fish_seen_subcommand_from show help" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand plan; and not __fish_seen_subcommand_from show help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand plan; and not __fish_seen_subcommand_from show help" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand plan; and not __fish_seen_subcommand_from show help" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand plan; and not __fish_seen_subcommand_from show help" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand plan; and not __fish_seen_subcommand_from show help" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand plan; and not __fish_seen_subcommand_from show help" -f -a "show" -d 'Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words'
complete -c hactl -n "__fish_hactl_using_subcommand plan; and not __fish_seen_subcommand_from show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand plan; and __fish_seen_subcommand_from show" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand plan; and __fish_seen_subcommand_from show" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand plan; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand plan; and __fish_seen_subcommand_from show" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand plan; and __fish_seen_subcommand_from show" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand plan; and __fish_seen_subcommand_from show" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand plan; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words'
complete -c hactl -n "__fish_hactl_using_subcommand plan; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand flush" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand flush" -s r -l role -d 'Flush only members with this role' -r -f -a "leader\t''
primary\t''
standby-leader\t''
replica\t''
standby\t''
any\t''"
complete -c hactl -n "__fish_hactl_using_subcommand flush" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand flush" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand flush" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand flush" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand flush" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand flush" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand flush" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand flush" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand pause" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand pause" -l timeout -d 'Seconds to wait with --wait (default: the cluster\'s ttl + loop_wait + 10)' -r
complete -c hactl -n "__fish_hactl_using_subcommand pause" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand pause" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand pause" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand pause" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand pause" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand pause" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand pause" -l wait -d 'Wait until every member reports the new state'
complete -c hactl -n "__fish_hactl_using_subcommand pause" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand pause" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand resume" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand resume" -l timeout -d 'Seconds to wait with --wait (default: the cluster\'s ttl + loop_wait + 10)' -r
complete -c hactl -n "__fish_hactl_using_subcommand resume" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand resume" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand resume" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand resume" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand resume" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand resume" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand resume" -l wait -d 'Wait until every member reports the new state'
complete -c hactl -n "__fish_hactl_using_subcommand resume" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand resume" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l scheduled -d 'Timestamp of a scheduled restart in unambiguous format (e.g. ISO 8601)' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l pg-version -d 'Restart if the PostgreSQL version is less than provided (e.g. 9.5.2)' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l timeout -d 'Return error and fail over if necessary when restarting takes longer than this' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l plan -d 'Execute a restart plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l max-age -d 'With --plan: refuse a plan made more than SECONDS ago' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l probe -d 'Measure write downtime on the applications\' path: a libpq DSN through it (HAProxy\'s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section\'s DSN; written to every --probe-interval while the action runs' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l probe-ro -d 'Measure read downtime on the read path: a libpq DSN through it (HAProxy\'s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l probe-interval -d 'Milliseconds between two probe attempts' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand restart" -s r -l role -d 'Restart only members with this role' -r -f -a "leader\t''
primary\t''
standby-leader\t''
replica\t''
standby\t''
any\t''"
complete -c hactl -n "__fish_hactl_using_subcommand restart" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand restart" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l any -d 'Restart a single member only'
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l pending -d 'Restart if pending'
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand restart" -l dry-run -d 'Print the plan (the members in order, every check and its verdict) and change nothing'
complete -c hactl -n "__fish_hactl_using_subcommand restart" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand restart" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand reload" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand reload" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand reload" -s r -l role -d 'Reload only members with this role' -r -f -a "leader\t''
primary\t''
standby-leader\t''
replica\t''
standby\t''
any\t''"
complete -c hactl -n "__fish_hactl_using_subcommand reload" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand reload" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand reload" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand reload" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand reload" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand reload" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand reload" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand reload" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -l timeout -d 'Seconds to wait with --wait (default 3600)' -r
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -l from-leader -d 'Get basebackup from leader'
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -l wait -d 'Wait until reinitialization completes: the member streams again on a new postmaster'
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand reinit" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand version" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand version" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand version" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand version" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand version" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand version" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand version" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand version" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand version" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand show-config" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand show-config" -s f -l format -d 'Output format' -r -f -a "yaml\t'patronictl\'s YAML (yaml.safe_dump, sorted keys)'
json\t'The configuration as JSON, as stored in the DCS'"
complete -c hactl -n "__fish_hactl_using_subcommand show-config" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand show-config" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand show-config" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand show-config" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand show-config" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand show-config" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand show-config" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -s s -l set -d 'Set specific configuration value. Can be specified multiple times' -r
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -s p -l pg -d 'Set specific PostgreSQL parameter value. Shorthand for -s postgresql.parameters. Can be specified multiple times' -r
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -l apply -d 'Apply configuration from file. Use - for stdin' -r
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -l replace -d 'Apply configuration from file, replacing existing configuration. Use - for stdin' -r
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -s q -l quiet -d 'Do not show changes'
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand edit-config" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand history" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand history" -s f -l format -d 'Output format' -r -f -a "pretty\t''
tsv\t''
json\t''
yaml\t''"
complete -c hactl -n "__fish_hactl_using_subcommand history" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand history" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand history" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand history" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand history" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand history" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand history" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -s r -l role -d 'Give a dsn of any member with this role' -r -f -a "leader\t''
primary\t''
standby-leader\t''
replica\t''
standby\t''
any\t''"
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -s m -l member -d 'Generate a dsn for this member' -r
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -s f -l format -d 'Output format' -r -f -a "text\t'patronictl\'s `host=... port=...`'
json\t'{"member": ..., "host": ..., "port": ...}'"
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand dsn" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c hactl -n "__fish_hactl_using_subcommand query" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -l format -d 'Output format (pretty, tsv, json, yaml)' -r -f -a "pretty\t''
tsv\t''
json\t''
yaml\t''"
complete -c hactl -n "__fish_hactl_using_subcommand query" -s f -l file -d 'Execute the SQL commands from this file (- for standard input)' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -s U -l username -d 'database user name' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -s w -l watch -d 'Auto update the screen every X seconds' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -s r -l role -d 'The role of the query' -r -f -a "leader\t''
primary\t''
standby-leader\t''
replica\t''
standby\t''
any\t''"
complete -c hactl -n "__fish_hactl_using_subcommand query" -s m -l member -d 'Query a specific member' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -l delimiter -d 'The column delimiter' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -l command -d 'The SQL commands to execute (-c after the subcommand)' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -l dbname -d 'database name to connect to (-d after the subcommand)' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand query" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand query" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand query" -l password -d 'force password prompt'
complete -c hactl -n "__fish_hactl_using_subcommand query" -s W -d 'Auto update the screen every 2 seconds'
complete -c hactl -n "__fish_hactl_using_subcommand query" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand query" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand remove" -l group -d 'Citus group' -r
complete -c hactl -n "__fish_hactl_using_subcommand remove" -s f -l format -d 'Output format of the member list shown first' -r -f -a "pretty\t''
tsv\t''
json\t''
yaml\t''"
complete -c hactl -n "__fish_hactl_using_subcommand remove" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand remove" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand remove" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand remove" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand remove" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand remove" -l force -d 'Do not ask: remove a cluster that has no leader without the confirmations'
complete -c hactl -n "__fish_hactl_using_subcommand remove" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand remove" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -l host -d 'Address of the remote node' -r
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -l port -d 'Port of the remote node' -r
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -l restore-command -d 'Command to restore WAL records from the remote primary' -r
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -l primary-slot-name -d 'Name of the slot on the remote node to use for replication' -r
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -l timeout -d 'Seconds to wait for the new role (default: from the cluster\'s ttl and loop_wait)' -r
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand demote-cluster" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand promote-cluster" -l timeout -d 'Seconds to wait for the new role (default: from the cluster\'s ttl and loop_wait)' -r
complete -c hactl -n "__fish_hactl_using_subcommand promote-cluster" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand promote-cluster" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand promote-cluster" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand promote-cluster" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand promote-cluster" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand promote-cluster" -l force -d 'Do not ask for confirmation at any point'
complete -c hactl -n "__fish_hactl_using_subcommand promote-cluster" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand promote-cluster" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -f -a "list" -d 'List the contexts: where each points, its scope and etcd, and which is current'
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -f -a "show" -d 'Show one context (the current one by default) as it resolves; secrets only by their source'
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -f -a "use" -d 'Make NAME the current context (rewrites only the current-context line of the file)'
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -f -a "current" -d 'Print the current context\'s name'
complete -c hactl -n "__fish_hactl_using_subcommand context; and not __fish_seen_subcommand_from list show use current help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from list" -s f -l format -d 'Output format' -r -f -a "pretty\t''
tsv\t''
json\t''
yaml\t''"
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from list" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from list" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from list" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from list" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from list" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from show" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from show" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from show" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from show" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from show" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from show" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from show" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from use" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from use" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from use" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from use" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from use" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from use" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from use" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from current" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from current" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from current" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from current" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from current" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from current" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from current" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the contexts: where each points, its scope and etcd, and which is current'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one context (the current one by default) as it resolves; secrets only by their source'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "use" -d 'Make NAME the current context (rewrites only the current-context line of the file)'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "current" -d 'Print the current context\'s name'
complete -c hactl -n "__fish_hactl_using_subcommand context; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand completion" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand completion" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand completion" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand completion" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand completion" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand completion" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand completion" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand generate" -l dir -d 'The repository root: completions/ and man/ are written below it' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand generate" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand generate" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand generate" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand generate" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand generate" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand generate" -l list-commands -d 'Print every visible subcommand path, one per line, instead (for the help snapshots)'
complete -c hactl -n "__fish_hactl_using_subcommand generate" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand generate" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -f -a "up" -d 'Start (or complete) the lab and wait until it is healthy'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -f -a "down" -d 'Stop everything the lab started, by pid, and remove its data'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -f -a "status" -d 'Show what the lab runs'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and not __fish_seen_subcommand_from up down status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l dir -d 'Lab directory (state, data, logs)' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l cluster -d 'A Patroni cluster to run, as SCOPE or SCOPE:VERSION (VERSION 4 or 3); repeatable' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l members -d 'Members per cluster' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l etcd-port -d 'First etcd client port (the members use PORT, PORT+2, PORT+4)' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l pg-port -d 'Where the clusters\' PostgreSQL ports start: the first free ones from PORT up are taken (a lab keeps the ports it was created with)' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l api-port -d 'Where the clusters\' Patroni REST API ports start, likewise' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l redis-port -d 'Redis master port (its replica uses PORT+1, the Sentinels PORT+20000 to PORT+20002)' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l timeout -d 'Seconds to wait for each part to become healthy' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l synchronous-mode -d 'Patroni\'s synchronous_mode for the clusters of --cluster: off, on, strict (on with synchronous_mode_strict) or quorum' -r -f -a "off\t''
on\t''
strict\t''
quorum\t''"
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l standby -d 'A standby cluster SCOPE that replicates from PRIMARY, a cluster already running in this lab (start it first); repeatable' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l no-redis -d 'Do not start Redis and its Sentinels'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l secured -d 'TLS and passwords everywhere: etcd with client certificates and users, Patroni\'s REST API over HTTPS with client certificates and basic auth, Redis with a password (certificates and passwords are made in DIR/tls; ctl.yml holds what clients need)'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l proxies -d 'Put the proxy tier in front of each cluster of --cluster: a PgBouncer per member (ports from 6432) and an HAProxy (write, read and stats ports from 5000) that routes by the agents\' GET /primary and GET /replica; ctl.yml then has their haproxy and pgbouncer sections (plain lab only, not with --secured)'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -l pgpool -d 'Put a Pgpool-II in front of each cluster of --cluster (streaming-replication mode, port from 9999, PCP port after it; no failover commands: Patroni decides); ctl.yml then has its pgpool section (plain lab only, not with --secured)'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from up" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from down" -l dir -d 'Lab directory (state, data, logs)' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from down" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from down" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from down" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from down" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from down" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from down" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from down" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from status" -l dir -d 'Lab directory (state, data, logs)' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from status" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from status" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from status" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from status" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from status" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from status" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "up" -d 'Start (or complete) the lab and wait until it is healthy'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "down" -d 'Stop everything the lab started, by pid, and remove its data'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show what the lab runs'
complete -c hactl -n "__fish_hactl_using_subcommand lab; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -f -a "health" -d 'Check each endpoint: a linearizable read and the alarms; say whether quorum holds'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -f -a "status" -d 'Show each endpoint\'s member id, version, DB size, leader, raft term and index, errors'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -f -a "members" -d 'List the members of the cluster'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -f -a "alarms" -d 'List the active alarms (NOSPACE, CORRUPT)'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and not __fish_seen_subcommand_from health status members alarms help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -l endpoints -d 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -l cluster -d 'Check every member in the member list, not only the given endpoints'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from health" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -l endpoints -d 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -l cluster -d 'Check every member in the member list, not only the given endpoints'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from members" -l endpoints -d 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from members" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from members" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from members" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from members" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from members" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from members" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from members" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from members" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l endpoints -d 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from alarms" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "health" -d 'Check each endpoint: a linearizable read and the alarms; say whether quorum holds'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show each endpoint\'s member id, version, DB size, leader, raft term and index, errors'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "members" -d 'List the members of the cluster'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "alarms" -d 'List the active alarms (NOSPACE, CORRUPT)'
complete -c hactl -n "__fish_hactl_using_subcommand etcd; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -f -a "masters" -d 'List the masters the Sentinels monitor, with their flags, replicas and quorum'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -f -a "replicas" -d 'List a master\'s replicas: flags, link status, offsets, priority'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -f -a "sentinels" -d 'List the other Sentinels watching a master'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -f -a "get-master-addr" -d 'Print a master\'s address (GET-MASTER-ADDR-BY-NAME)'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -f -a "ckquorum" -d 'Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -f -a "failover" -d 'Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and not __fish_seen_subcommand_from masters replicas sentinels get-master-addr ckquorum failover help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -l sentinel -d 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -l sentinel-timeout -d 'Seconds to wait for each Sentinel connection and command' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from masters" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -l sentinel -d 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -l sentinel-timeout -d 'Seconds to wait for each Sentinel connection and command' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from replicas" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -l sentinel -d 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -l sentinel-timeout -d 'Seconds to wait for each Sentinel connection and command' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from sentinels" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -l sentinel -d 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -l sentinel-timeout -d 'Seconds to wait for each Sentinel connection and command' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from get-master-addr" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -l sentinel -d 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -l sentinel-timeout -d 'Seconds to wait for each Sentinel connection and command' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from ckquorum" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -l timeout -d 'Seconds to wait for the new master (and, with --wait, its replicas) before exiting 5' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -l sentinel -d 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -l sentinel-timeout -d 'Seconds to wait for each Sentinel connection and command' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -l force -d 'Do not ask for confirmation'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -l wait -d 'Also wait until the new master\'s replicas follow it'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from failover" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from help" -f -a "masters" -d 'List the masters the Sentinels monitor, with their flags, replicas and quorum'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from help" -f -a "replicas" -d 'List a master\'s replicas: flags, link status, offsets, priority'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from help" -f -a "sentinels" -d 'List the other Sentinels watching a master'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from help" -f -a "get-master-addr" -d 'Print a master\'s address (GET-MASTER-ADDR-BY-NAME)'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from help" -f -a "ckquorum" -d 'Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from help" -f -a "failover" -d 'Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified'
complete -c hactl -n "__fish_hactl_using_subcommand sentinel; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand check" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand check" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand check" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand check" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand check" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand check" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand status" -s f -l format -d 'Output format' -r -f -a "pretty\t''
json\t''"
complete -c hactl -n "__fish_hactl_using_subcommand status" -l timeout -d 'Seconds every tier has to answer, all at once (etcd within the smaller of this and --dcs-timeout)' -r
complete -c hactl -n "__fish_hactl_using_subcommand status" -s U -l username -d 'The user to read the leader\'s replication views as (default: PGUSER, else the OS user)' -r
complete -c hactl -n "__fish_hactl_using_subcommand status" -l dbname -d 'The database to connect to on the leader (default: PGDATABASE, else the user\'s)' -r
complete -c hactl -n "__fish_hactl_using_subcommand status" -l sentinel -d 'A Sentinel to ask (repeat it; default: the configuration\'s sentinel.hosts)' -r
complete -c hactl -n "__fish_hactl_using_subcommand status" -s w -l watch -d 'Auto update the screen every X seconds' -r
complete -c hactl -n "__fish_hactl_using_subcommand status" -s c -l config-file -d 'Configuration file (patronictl.yaml or a node\'s patroni.yml) [env: PATRONICTL_CONFIG_FILE]' -r -F
complete -c hactl -n "__fish_hactl_using_subcommand status" -s d -l dcs-url -l dcs -d 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file\'s etcd3 section) [env: DCS_URL]' -r
complete -c hactl -n "__fish_hactl_using_subcommand status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c hactl -n "__fish_hactl_using_subcommand status" -l dcs-timeout -d 'Seconds to wait for etcd before giving up' -r
complete -c hactl -n "__fish_hactl_using_subcommand status" -l context -d 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]' -r
complete -c hactl -n "__fish_hactl_using_subcommand status" -s W -d 'Auto update the screen every 2 seconds'
complete -c hactl -n "__fish_hactl_using_subcommand status" -l all-contexts -d 'Report on every context of the contexts file at once (each its configured scope)'
complete -c hactl -n "__fish_hactl_using_subcommand status" -l allow-unreachable -d 'With --all-contexts: an UNREACHABLE context does not fail the command (it is still shown)'
complete -c hactl -n "__fish_hactl_using_subcommand status" -s k -l insecure -d 'Allow connections to SSL sites without certs'
complete -c hactl -n "__fish_hactl_using_subcommand status" -s h -l help -d 'Print help'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "list" -d 'List the Patroni members for a given Patroni'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "topology" -d 'Prints ASCII topology for given cluster'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "switchover" -d 'Switchover to a replica, then wait until the cluster has converged on it'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "failover" -d 'Failover to a replica, then wait until the cluster has converged on it'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "apply" -d 'Execute a saved plan, only on the cluster it was made for (re-read and compared first)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "plan" -d 'Saved plans: show one in words'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "flush" -d 'Discard scheduled events'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "pause" -d 'Disable auto failover (maintenance mode)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "resume" -d 'Resume auto failover'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "restart" -d 'Restart cluster members, one at a time, each verified back before the next'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "reload" -d 'Reload cluster member configuration'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "reinit" -d 'Reinitialize cluster members'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "version" -d 'Output the version of hactl and of each member\'s Patroni and PostgreSQL'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "show-config" -d 'Show cluster configuration'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "edit-config" -d 'Edit cluster configuration (a compare-and-swap: a concurrent change is never overwritten)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "history" -d 'Show the history of failovers/switchovers'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "dsn" -d 'Generate a dsn for the provided member, defaults to a dsn of the leader'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "query" -d 'Query a Patroni PostgreSQL member'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "remove" -d 'Remove cluster from DCS'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "demote-cluster" -d 'Demote cluster to a standby cluster'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "promote-cluster" -d 'Promote cluster, make it run standalone'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "context" -d 'Contexts: named configurations (sites, etcd clusters) in one file; list, show, use, current'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "completion" -d 'Print a shell completion script'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "generate" -d 'Write completions/ and man/ (for maintainers)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "lab" -d 'Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "etcd" -d 'The etcd cluster under the DCS: health and quorum, status, members, alarms'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "sentinel" -d 'Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "check" -d 'Nagios/Icinga plugin: check one service of the cluster (check_patroni\'s services and more)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "status" -d 'Every tier at once (etcd, Patroni, PostgreSQL, proxies, Sentinel): a verdict each and their disagreements'
complete -c hactl -n "__fish_hactl_using_subcommand help; and not __fish_seen_subcommand_from list topology switchover failover apply plan flush pause resume restart reload reinit version show-config edit-config history dsn query remove demote-cluster promote-cluster context completion generate lab etcd sentinel check status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from plan" -f -a "show" -d 'Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "list" -d 'List the contexts: where each points, its scope and etcd, and which is current'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "show" -d 'Show one context (the current one by default) as it resolves; secrets only by their source'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "use" -d 'Make NAME the current context (rewrites only the current-context line of the file)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from context" -f -a "current" -d 'Print the current context\'s name'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "up" -d 'Start (or complete) the lab and wait until it is healthy'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "down" -d 'Stop everything the lab started, by pid, and remove its data'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from lab" -f -a "status" -d 'Show what the lab runs'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "health" -d 'Check each endpoint: a linearizable read and the alarms; say whether quorum holds'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "status" -d 'Show each endpoint\'s member id, version, DB size, leader, raft term and index, errors'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "members" -d 'List the members of the cluster'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from etcd" -f -a "alarms" -d 'List the active alarms (NOSPACE, CORRUPT)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from sentinel" -f -a "masters" -d 'List the masters the Sentinels monitor, with their flags, replicas and quorum'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from sentinel" -f -a "replicas" -d 'List a master\'s replicas: flags, link status, offsets, priority'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from sentinel" -f -a "sentinels" -d 'List the other Sentinels watching a master'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from sentinel" -f -a "get-master-addr" -d 'Print a master\'s address (GET-MASTER-ADDR-BY-NAME)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from sentinel" -f -a "ckquorum" -d 'Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)'
complete -c hactl -n "__fish_hactl_using_subcommand help; and __fish_seen_subcommand_from sentinel" -f -a "failover" -d 'Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified'
