
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'hactl' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'hactl'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'hactl' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the Patroni members for a given Patroni')
            [CompletionResult]::new('topology', 'topology', [CompletionResultType]::ParameterValue, 'Prints ASCII topology for given cluster')
            [CompletionResult]::new('switchover', 'switchover', [CompletionResultType]::ParameterValue, 'Switchover to a replica, then wait until the cluster has converged on it')
            [CompletionResult]::new('failover', 'failover', [CompletionResultType]::ParameterValue, 'Failover to a replica, then wait until the cluster has converged on it')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Execute a saved plan, only on the cluster it was made for (re-read and compared first)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Saved plans: show one in words')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Discard scheduled events')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Disable auto failover (maintenance mode)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume auto failover')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart cluster members, one at a time, each verified back before the next')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Reload cluster member configuration')
            [CompletionResult]::new('reinit', 'reinit', [CompletionResultType]::ParameterValue, 'Reinitialize cluster members')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Output the version of hactl and of each member''s Patroni and PostgreSQL')
            [CompletionResult]::new('show-config', 'show-config', [CompletionResultType]::ParameterValue, 'Show cluster configuration')
            [CompletionResult]::new('edit-config', 'edit-config', [CompletionResultType]::ParameterValue, 'Edit cluster configuration (a compare-and-swap: a concurrent change is never overwritten)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the history of failovers/switchovers')
            [CompletionResult]::new('dsn', 'dsn', [CompletionResultType]::ParameterValue, 'Generate a dsn for the provided member, defaults to a dsn of the leader')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query a Patroni PostgreSQL member')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove cluster from DCS')
            [CompletionResult]::new('demote-cluster', 'demote-cluster', [CompletionResultType]::ParameterValue, 'Demote cluster to a standby cluster')
            [CompletionResult]::new('promote-cluster', 'promote-cluster', [CompletionResultType]::ParameterValue, 'Promote cluster, make it run standalone')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Contexts: named configurations (sites, etcd clusters) in one file; list, show, use, current')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ (for maintainers)')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks')
            [CompletionResult]::new('etcd', 'etcd', [CompletionResultType]::ParameterValue, 'The etcd cluster under the DCS: health and quorum, status, members, alarms')
            [CompletionResult]::new('sentinel', 'sentinel', [CompletionResultType]::ParameterValue, 'Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Nagios/Icinga plugin: check one service of the cluster (check_patroni''s services and more)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every tier at once (etcd, Patroni, PostgreSQL, proxies, Sentinel): a verdict each and their disagreements')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;list' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Auto update the screen every X seconds')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Auto update the screen every X seconds')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'List every cluster under the namespace (in pages at one revision)')
            [CompletionResult]::new('-e', '-e', [CompletionResultType]::ParameterName, 'Show some extra information')
            [CompletionResult]::new('--extended', '--extended', [CompletionResultType]::ParameterName, 'Show some extra information')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'Print timestamp')
            [CompletionResult]::new('--timestamp', '--timestamp', [CompletionResultType]::ParameterName, 'Print timestamp')
            [CompletionResult]::new('-W', '-W ', [CompletionResultType]::ParameterName, 'Auto update the screen every 2 seconds')
            [CompletionResult]::new('--all-contexts', '--all-contexts', [CompletionResultType]::ParameterName, 'Read every context of the contexts file at once, under one deadline (--dcs-timeout)')
            [CompletionResult]::new('--allow-unreachable', '--allow-unreachable', [CompletionResultType]::ParameterName, 'With --all-contexts: exit 0 even when a context''s etcd does not answer (it is still named)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;topology' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Auto update the screen every X seconds')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Auto update the screen every X seconds')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-W', '-W ', [CompletionResultType]::ParameterName, 'Auto update the screen every 2 seconds')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;switchover' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('--leader', '--leader', [CompletionResultType]::ParameterName, 'The name of the current leader (checked against the leader key)')
            [CompletionResult]::new('--primary', '--primary', [CompletionResultType]::ParameterName, 'The name of the current leader (checked against the leader key)')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'The name of the current leader (checked against the leader key)')
            [CompletionResult]::new('--candidate', '--candidate', [CompletionResultType]::ParameterName, 'The name of the candidate (default: the best eligible member)')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Execute a plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'With --plan: refuse a plan made more than SECONDS ago')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the cluster to converge (default: from the cluster''s ttl and loop_wait)')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Measure write downtime on the applications'' path: a libpq DSN through it (HAProxy''s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section''s DSN; written to every --probe-interval while the action runs')
            [CompletionResult]::new('--probe-ro', '--probe-ro', [CompletionResultType]::ParameterName, 'Measure read downtime on the read path: a libpq DSN through it (HAProxy''s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs')
            [CompletionResult]::new('--probe-interval', '--probe-interval', [CompletionResultType]::ParameterName, 'Milliseconds between two probe attempts')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--scheduled', '--scheduled', [CompletionResultType]::ParameterName, 'Timestamp of a scheduled switchover in unambiguous format (e.g. ISO 8601), or now')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (every check and its verdict) and change nothing')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the request is accepted, without waiting for the outcome')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;failover' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('--leader', '--leader', [CompletionResultType]::ParameterName, 'The name of the current leader (checked against the leader key)')
            [CompletionResult]::new('--primary', '--primary', [CompletionResultType]::ParameterName, 'The name of the current leader (checked against the leader key)')
            [CompletionResult]::new('--master', '--master', [CompletionResultType]::ParameterName, 'The name of the current leader (checked against the leader key)')
            [CompletionResult]::new('--candidate', '--candidate', [CompletionResultType]::ParameterName, 'The name of the candidate (default: the best eligible member)')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Execute a plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'With --plan: refuse a plan made more than SECONDS ago')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the cluster to converge (default: from the cluster''s ttl and loop_wait)')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Measure write downtime on the applications'' path: a libpq DSN through it (HAProxy''s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section''s DSN; written to every --probe-interval while the action runs')
            [CompletionResult]::new('--probe-ro', '--probe-ro', [CompletionResultType]::ParameterName, 'Measure read downtime on the read path: a libpq DSN through it (HAProxy''s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs')
            [CompletionResult]::new('--probe-interval', '--probe-interval', [CompletionResultType]::ParameterName, 'Milliseconds between two probe attempts')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (every check and its verdict) and change nothing')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the request is accepted, without waiting for the outcome')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;apply' {
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'Refuse a plan made more than SECONDS ago')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the cluster to converge (default: from the cluster''s ttl and loop_wait)')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Measure write downtime on the applications'' path: a libpq DSN through it (HAProxy''s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section''s DSN; written to every --probe-interval while the action runs')
            [CompletionResult]::new('--probe-ro', '--probe-ro', [CompletionResultType]::ParameterName, 'Measure read downtime on the read path: a libpq DSN through it (HAProxy''s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs')
            [CompletionResult]::new('--probe-interval', '--probe-interval', [CompletionResultType]::ParameterName, 'Milliseconds between two probe attempts')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;plan' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;plan;show' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;plan;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;plan;help;show' {
            break
        }
        'hactl;plan;help;help' {
            break
        }
        'hactl;flush' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Flush only members with this role')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Flush only members with this role')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;pause' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait with --wait (default: the cluster''s ttl + loop_wait + 10)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until every member reports the new state')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;resume' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait with --wait (default: the cluster''s ttl + loop_wait + 10)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until every member reports the new state')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;restart' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('--scheduled', '--scheduled', [CompletionResultType]::ParameterName, 'Timestamp of a scheduled restart in unambiguous format (e.g. ISO 8601)')
            [CompletionResult]::new('--pg-version', '--pg-version', [CompletionResultType]::ParameterName, 'Restart if the PostgreSQL version is less than provided (e.g. 9.5.2)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Return error and fail over if necessary when restarting takes longer than this')
            [CompletionResult]::new('--plan', '--plan', [CompletionResultType]::ParameterName, 'Execute a restart plan saved by --dry-run -f json, only on the cluster it was made for (as `hactl apply`)')
            [CompletionResult]::new('--max-age', '--max-age', [CompletionResultType]::ParameterName, 'With --plan: refuse a plan made more than SECONDS ago')
            [CompletionResult]::new('--probe', '--probe', [CompletionResultType]::ParameterName, 'Measure write downtime on the applications'' path: a libpq DSN through it (HAProxy''s write frontend, a PgBouncer), or haproxy|pgbouncer|pgpool for that section''s DSN; written to every --probe-interval while the action runs')
            [CompletionResult]::new('--probe-ro', '--probe-ro', [CompletionResultType]::ParameterName, 'Measure read downtime on the read path: a libpq DSN through it (HAProxy''s read frontend), or haproxy for haproxy.read_dsn; read from every --probe-interval while the action runs')
            [CompletionResult]::new('--probe-interval', '--probe-interval', [CompletionResultType]::ParameterName, 'Milliseconds between two probe attempts')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Restart only members with this role')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Restart only members with this role')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--any', '--any', [CompletionResultType]::ParameterName, 'Restart a single member only')
            [CompletionResult]::new('--pending', '--pending', [CompletionResultType]::ParameterName, 'Restart if pending')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print the plan (the members in order, every check and its verdict) and change nothing')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;reload' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Reload only members with this role')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Reload only members with this role')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;reinit' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait with --wait (default 3600)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('--from-leader', '--from-leader', [CompletionResultType]::ParameterName, 'Get basebackup from leader')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait until reinitialization completes: the member streams again on a new postmaster')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;version' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;show-config' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hactl;edit-config' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Set specific configuration value. Can be specified multiple times')
            [CompletionResult]::new('--set', '--set', [CompletionResultType]::ParameterName, 'Set specific configuration value. Can be specified multiple times')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Set specific PostgreSQL parameter value. Shorthand for -s postgresql.parameters. Can be specified multiple times')
            [CompletionResult]::new('--pg', '--pg', [CompletionResultType]::ParameterName, 'Set specific PostgreSQL parameter value. Shorthand for -s postgresql.parameters. Can be specified multiple times')
            [CompletionResult]::new('--apply', '--apply', [CompletionResultType]::ParameterName, 'Apply configuration from file. Use - for stdin')
            [CompletionResult]::new('--replace', '--replace', [CompletionResultType]::ParameterName, 'Apply configuration from file, replacing existing configuration. Use - for stdin')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Do not show changes')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Do not show changes')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;history' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;dsn' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'Give a dsn of any member with this role')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Give a dsn of any member with this role')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Generate a dsn for this member')
            [CompletionResult]::new('--member', '--member', [CompletionResultType]::ParameterName, 'Generate a dsn for this member')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'hactl;query' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format (pretty, tsv, json, yaml)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Execute the SQL commands from this file (- for standard input)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Execute the SQL commands from this file (- for standard input)')
            [CompletionResult]::new('-U', '-U ', [CompletionResultType]::ParameterName, 'database user name')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'database user name')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Auto update the screen every X seconds')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Auto update the screen every X seconds')
            [CompletionResult]::new('-r', '-r', [CompletionResultType]::ParameterName, 'The role of the query')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role of the query')
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'Query a specific member')
            [CompletionResult]::new('--member', '--member', [CompletionResultType]::ParameterName, 'Query a specific member')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'The column delimiter')
            [CompletionResult]::new('--command', '--command', [CompletionResultType]::ParameterName, 'The SQL commands to execute (-c after the subcommand)')
            [CompletionResult]::new('--dbname', '--dbname', [CompletionResultType]::ParameterName, 'database name to connect to (-d after the subcommand)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--password', '--password', [CompletionResultType]::ParameterName, 'force password prompt')
            [CompletionResult]::new('-W', '-W ', [CompletionResultType]::ParameterName, 'Auto update the screen every 2 seconds')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;remove' {
            [CompletionResult]::new('--group', '--group', [CompletionResultType]::ParameterName, 'Citus group')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format of the member list shown first')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format of the member list shown first')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask: remove a cluster that has no leader without the confirmations')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;demote-cluster' {
            [CompletionResult]::new('--host', '--host', [CompletionResultType]::ParameterName, 'Address of the remote node')
            [CompletionResult]::new('--port', '--port', [CompletionResultType]::ParameterName, 'Port of the remote node')
            [CompletionResult]::new('--restore-command', '--restore-command', [CompletionResultType]::ParameterName, 'Command to restore WAL records from the remote primary')
            [CompletionResult]::new('--primary-slot-name', '--primary-slot-name', [CompletionResultType]::ParameterName, 'Name of the slot on the remote node to use for replication')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the new role (default: from the cluster''s ttl and loop_wait)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;promote-cluster' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the new role (default: from the cluster''s ttl and loop_wait)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at any point')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;context' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the contexts: where each points, its scope and etcd, and which is current')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one context (the current one by default) as it resolves; secrets only by their source')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the current context (rewrites only the current-context line of the file)')
            [CompletionResult]::new('current', 'current', [CompletionResultType]::ParameterValue, 'Print the current context''s name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;context;list' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;context;show' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;context;use' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;context;current' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;context;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the contexts: where each points, its scope and etcd, and which is current')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one context (the current one by default) as it resolves; secrets only by their source')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the current context (rewrites only the current-context line of the file)')
            [CompletionResult]::new('current', 'current', [CompletionResultType]::ParameterValue, 'Print the current context''s name')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;context;help;list' {
            break
        }
        'hactl;context;help;show' {
            break
        }
        'hactl;context;help;use' {
            break
        }
        'hactl;context;help;current' {
            break
        }
        'hactl;context;help;help' {
            break
        }
        'hactl;completion' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;generate' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'The repository root: completions/ and man/ are written below it')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--list-commands', '--list-commands', [CompletionResultType]::ParameterName, 'Print every visible subcommand path, one per line, instead (for the help snapshots)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;lab' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start (or complete) the lab and wait until it is healthy')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop everything the lab started, by pid, and remove its data')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what the lab runs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;lab;up' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Lab directory (state, data, logs)')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'A Patroni cluster to run, as SCOPE or SCOPE:VERSION (VERSION 4 or 3); repeatable')
            [CompletionResult]::new('--members', '--members', [CompletionResultType]::ParameterName, 'Members per cluster')
            [CompletionResult]::new('--etcd-port', '--etcd-port', [CompletionResultType]::ParameterName, 'First etcd client port (the members use PORT, PORT+2, PORT+4)')
            [CompletionResult]::new('--pg-port', '--pg-port', [CompletionResultType]::ParameterName, 'Where the clusters'' PostgreSQL ports start: the first free ones from PORT up are taken (a lab keeps the ports it was created with)')
            [CompletionResult]::new('--api-port', '--api-port', [CompletionResultType]::ParameterName, 'Where the clusters'' Patroni REST API ports start, likewise')
            [CompletionResult]::new('--redis-port', '--redis-port', [CompletionResultType]::ParameterName, 'Redis master port (its replica uses PORT+1, the Sentinels PORT+20000 to PORT+20002)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each part to become healthy')
            [CompletionResult]::new('--synchronous-mode', '--synchronous-mode', [CompletionResultType]::ParameterName, 'Patroni''s synchronous_mode for the clusters of --cluster: off, on, strict (on with synchronous_mode_strict) or quorum')
            [CompletionResult]::new('--standby', '--standby', [CompletionResultType]::ParameterName, 'A standby cluster SCOPE that replicates from PRIMARY, a cluster already running in this lab (start it first); repeatable')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--no-redis', '--no-redis', [CompletionResultType]::ParameterName, 'Do not start Redis and its Sentinels')
            [CompletionResult]::new('--secured', '--secured', [CompletionResultType]::ParameterName, 'TLS and passwords everywhere: etcd with client certificates and users, Patroni''s REST API over HTTPS with client certificates and basic auth, Redis with a password (certificates and passwords are made in DIR/tls; ctl.yml holds what clients need)')
            [CompletionResult]::new('--proxies', '--proxies', [CompletionResultType]::ParameterName, 'Put the proxy tier in front of each cluster of --cluster: a PgBouncer per member (ports from 6432) and an HAProxy (write, read and stats ports from 5000) that routes by the agents'' GET /primary and GET /replica; ctl.yml then has their haproxy and pgbouncer sections (plain lab only, not with --secured)')
            [CompletionResult]::new('--pgpool', '--pgpool', [CompletionResultType]::ParameterName, 'Put a Pgpool-II in front of each cluster of --cluster (streaming-replication mode, port from 9999, PCP port after it; no failover commands: Patroni decides); ctl.yml then has its pgpool section (plain lab only, not with --secured)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;lab;down' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Lab directory (state, data, logs)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;lab;status' {
            [CompletionResult]::new('--dir', '--dir', [CompletionResultType]::ParameterName, 'Lab directory (state, data, logs)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;lab;help' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start (or complete) the lab and wait until it is healthy')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop everything the lab started, by pid, and remove its data')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what the lab runs')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;lab;help;up' {
            break
        }
        'hactl;lab;help;down' {
            break
        }
        'hactl;lab;help;status' {
            break
        }
        'hactl;lab;help;help' {
            break
        }
        'hactl;etcd' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check each endpoint: a linearizable read and the alarms; say whether quorum holds')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each endpoint''s member id, version, DB size, leader, raft term and index, errors')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'List the members of the cluster')
            [CompletionResult]::new('alarms', 'alarms', [CompletionResultType]::ParameterValue, 'List the active alarms (NOSPACE, CORRUPT)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;etcd;health' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Check every member in the member list, not only the given endpoints')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;etcd;status' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--cluster', '--cluster', [CompletionResultType]::ParameterName, 'Check every member in the member list, not only the given endpoints')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;etcd;members' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;etcd;alarms' {
            [CompletionResult]::new('--endpoints', '--endpoints', [CompletionResultType]::ParameterName, 'Endpoints to ask instead of the configured ones: HOST[:PORT] or URLs, comma-separated')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;etcd;help' {
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check each endpoint: a linearizable read and the alarms; say whether quorum holds')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each endpoint''s member id, version, DB size, leader, raft term and index, errors')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'List the members of the cluster')
            [CompletionResult]::new('alarms', 'alarms', [CompletionResultType]::ParameterValue, 'List the active alarms (NOSPACE, CORRUPT)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;etcd;help;health' {
            break
        }
        'hactl;etcd;help;status' {
            break
        }
        'hactl;etcd;help;members' {
            break
        }
        'hactl;etcd;help;alarms' {
            break
        }
        'hactl;etcd;help;help' {
            break
        }
        'hactl;sentinel' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('masters', 'masters', [CompletionResultType]::ParameterValue, 'List the masters the Sentinels monitor, with their flags, replicas and quorum')
            [CompletionResult]::new('replicas', 'replicas', [CompletionResultType]::ParameterValue, 'List a master''s replicas: flags, link status, offsets, priority')
            [CompletionResult]::new('sentinels', 'sentinels', [CompletionResultType]::ParameterValue, 'List the other Sentinels watching a master')
            [CompletionResult]::new('get-master-addr', 'get-master-addr', [CompletionResultType]::ParameterValue, 'Print a master''s address (GET-MASTER-ADDR-BY-NAME)')
            [CompletionResult]::new('ckquorum', 'ckquorum', [CompletionResultType]::ParameterValue, 'Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)')
            [CompletionResult]::new('failover', 'failover', [CompletionResultType]::ParameterValue, 'Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;sentinel;masters' {
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order')
            [CompletionResult]::new('--sentinel-timeout', '--sentinel-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Sentinel connection and command')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;sentinel;replicas' {
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order')
            [CompletionResult]::new('--sentinel-timeout', '--sentinel-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Sentinel connection and command')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;sentinel;sentinels' {
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order')
            [CompletionResult]::new('--sentinel-timeout', '--sentinel-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Sentinel connection and command')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;sentinel;get-master-addr' {
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order')
            [CompletionResult]::new('--sentinel-timeout', '--sentinel-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Sentinel connection and command')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;sentinel;ckquorum' {
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order')
            [CompletionResult]::new('--sentinel-timeout', '--sentinel-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Sentinel connection and command')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;sentinel;failover' {
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the new master (and, with --wait, its replicas) before exiting 5')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'A Sentinel to ask, HOST[:PORT] (port 26379 by default); repeatable, tried in order')
            [CompletionResult]::new('--sentinel-timeout', '--sentinel-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for each Sentinel connection and command')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Also wait until the new master''s replicas follow it')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;sentinel;help' {
            [CompletionResult]::new('masters', 'masters', [CompletionResultType]::ParameterValue, 'List the masters the Sentinels monitor, with their flags, replicas and quorum')
            [CompletionResult]::new('replicas', 'replicas', [CompletionResultType]::ParameterValue, 'List a master''s replicas: flags, link status, offsets, priority')
            [CompletionResult]::new('sentinels', 'sentinels', [CompletionResultType]::ParameterValue, 'List the other Sentinels watching a master')
            [CompletionResult]::new('get-master-addr', 'get-master-addr', [CompletionResultType]::ParameterValue, 'Print a master''s address (GET-MASTER-ADDR-BY-NAME)')
            [CompletionResult]::new('ckquorum', 'ckquorum', [CompletionResultType]::ParameterValue, 'Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)')
            [CompletionResult]::new('failover', 'failover', [CompletionResultType]::ParameterValue, 'Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;sentinel;help;masters' {
            break
        }
        'hactl;sentinel;help;replicas' {
            break
        }
        'hactl;sentinel;help;sentinels' {
            break
        }
        'hactl;sentinel;help;get-master-addr' {
            break
        }
        'hactl;sentinel;help;ckquorum' {
            break
        }
        'hactl;sentinel;help;failover' {
            break
        }
        'hactl;sentinel;help;help' {
            break
        }
        'hactl;check' {
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            break
        }
        'hactl;status' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds every tier has to answer, all at once (etcd within the smaller of this and --dcs-timeout)')
            [CompletionResult]::new('-U', '-U ', [CompletionResultType]::ParameterName, 'The user to read the leader''s replication views as (default: PGUSER, else the OS user)')
            [CompletionResult]::new('--username', '--username', [CompletionResultType]::ParameterName, 'The user to read the leader''s replication views as (default: PGUSER, else the OS user)')
            [CompletionResult]::new('--dbname', '--dbname', [CompletionResultType]::ParameterName, 'The database to connect to on the leader (default: PGDATABASE, else the user''s)')
            [CompletionResult]::new('--sentinel', '--sentinel', [CompletionResultType]::ParameterName, 'A Sentinel to ask (repeat it; default: the configuration''s sentinel.hosts)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Auto update the screen every X seconds')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Auto update the screen every X seconds')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'Configuration file (patronictl.yaml or a node''s patroni.yml) [env: PATRONICTL_CONFIG_FILE]')
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs-url', '--dcs-url', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--dcs', '--dcs', [CompletionResultType]::ParameterName, 'The DCS connect url, e.g. etcd3://127.0.0.1:2379 (replaces the file''s etcd3 section) [env: DCS_URL]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--dcs-timeout', '--dcs-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for etcd before giving up')
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'Use this context of the contexts file (see `hactl context`) [env: HACTL_CONTEXT]')
            [CompletionResult]::new('-W', '-W ', [CompletionResultType]::ParameterName, 'Auto update the screen every 2 seconds')
            [CompletionResult]::new('--all-contexts', '--all-contexts', [CompletionResultType]::ParameterName, 'Report on every context of the contexts file at once (each its configured scope)')
            [CompletionResult]::new('--allow-unreachable', '--allow-unreachable', [CompletionResultType]::ParameterName, 'With --all-contexts: an UNREACHABLE context does not fail the command (it is still shown)')
            [CompletionResult]::new('-k', '-k', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Allow connections to SSL sites without certs')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'hactl;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the Patroni members for a given Patroni')
            [CompletionResult]::new('topology', 'topology', [CompletionResultType]::ParameterValue, 'Prints ASCII topology for given cluster')
            [CompletionResult]::new('switchover', 'switchover', [CompletionResultType]::ParameterValue, 'Switchover to a replica, then wait until the cluster has converged on it')
            [CompletionResult]::new('failover', 'failover', [CompletionResultType]::ParameterValue, 'Failover to a replica, then wait until the cluster has converged on it')
            [CompletionResult]::new('apply', 'apply', [CompletionResultType]::ParameterValue, 'Execute a saved plan, only on the cluster it was made for (re-read and compared first)')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Saved plans: show one in words')
            [CompletionResult]::new('flush', 'flush', [CompletionResultType]::ParameterValue, 'Discard scheduled events')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Disable auto failover (maintenance mode)')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Resume auto failover')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Restart cluster members, one at a time, each verified back before the next')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Reload cluster member configuration')
            [CompletionResult]::new('reinit', 'reinit', [CompletionResultType]::ParameterValue, 'Reinitialize cluster members')
            [CompletionResult]::new('version', 'version', [CompletionResultType]::ParameterValue, 'Output the version of hactl and of each member''s Patroni and PostgreSQL')
            [CompletionResult]::new('show-config', 'show-config', [CompletionResultType]::ParameterValue, 'Show cluster configuration')
            [CompletionResult]::new('edit-config', 'edit-config', [CompletionResultType]::ParameterValue, 'Edit cluster configuration (a compare-and-swap: a concurrent change is never overwritten)')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'Show the history of failovers/switchovers')
            [CompletionResult]::new('dsn', 'dsn', [CompletionResultType]::ParameterValue, 'Generate a dsn for the provided member, defaults to a dsn of the leader')
            [CompletionResult]::new('query', 'query', [CompletionResultType]::ParameterValue, 'Query a Patroni PostgreSQL member')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove cluster from DCS')
            [CompletionResult]::new('demote-cluster', 'demote-cluster', [CompletionResultType]::ParameterValue, 'Demote cluster to a standby cluster')
            [CompletionResult]::new('promote-cluster', 'promote-cluster', [CompletionResultType]::ParameterValue, 'Promote cluster, make it run standalone')
            [CompletionResult]::new('context', 'context', [CompletionResultType]::ParameterValue, 'Contexts: named configurations (sites, etcd clusters) in one file; list, show, use, current')
            [CompletionResult]::new('completion', 'completion', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write completions/ and man/ (for maintainers)')
            [CompletionResult]::new('lab', 'lab', [CompletionResultType]::ParameterValue, 'Run a local lab (etcd, Patroni clusters, Redis with Sentinels) to rehearse runbooks')
            [CompletionResult]::new('etcd', 'etcd', [CompletionResultType]::ParameterValue, 'The etcd cluster under the DCS: health and quorum, status, members, alarms')
            [CompletionResult]::new('sentinel', 'sentinel', [CompletionResultType]::ParameterValue, 'Redis Sentinel: masters, replicas, quorum check, and a guarded, verified failover')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Nagios/Icinga plugin: check one service of the cluster (check_patroni''s services and more)')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Every tier at once (etcd, Patroni, PostgreSQL, proxies, Sentinel): a verdict each and their disagreements')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'hactl;help;list' {
            break
        }
        'hactl;help;topology' {
            break
        }
        'hactl;help;switchover' {
            break
        }
        'hactl;help;failover' {
            break
        }
        'hactl;help;apply' {
            break
        }
        'hactl;help;plan' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a saved plan (from `switchover`/`failover`/`restart --dry-run -f json`) in words')
            break
        }
        'hactl;help;plan;show' {
            break
        }
        'hactl;help;flush' {
            break
        }
        'hactl;help;pause' {
            break
        }
        'hactl;help;resume' {
            break
        }
        'hactl;help;restart' {
            break
        }
        'hactl;help;reload' {
            break
        }
        'hactl;help;reinit' {
            break
        }
        'hactl;help;version' {
            break
        }
        'hactl;help;show-config' {
            break
        }
        'hactl;help;edit-config' {
            break
        }
        'hactl;help;history' {
            break
        }
        'hactl;help;dsn' {
            break
        }
        'hactl;help;query' {
            break
        }
        'hactl;help;remove' {
            break
        }
        'hactl;help;demote-cluster' {
            break
        }
        'hactl;help;promote-cluster' {
            break
        }
        'hactl;help;context' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the contexts: where each points, its scope and etcd, and which is current')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one context (the current one by default) as it resolves; secrets only by their source')
            [CompletionResult]::new('use', 'use', [CompletionResultType]::ParameterValue, 'Make NAME the current context (rewrites only the current-context line of the file)')
            [CompletionResult]::new('current', 'current', [CompletionResultType]::ParameterValue, 'Print the current context''s name')
            break
        }
        'hactl;help;context;list' {
            break
        }
        'hactl;help;context;show' {
            break
        }
        'hactl;help;context;use' {
            break
        }
        'hactl;help;context;current' {
            break
        }
        'hactl;help;completion' {
            break
        }
        'hactl;help;generate' {
            break
        }
        'hactl;help;lab' {
            [CompletionResult]::new('up', 'up', [CompletionResultType]::ParameterValue, 'Start (or complete) the lab and wait until it is healthy')
            [CompletionResult]::new('down', 'down', [CompletionResultType]::ParameterValue, 'Stop everything the lab started, by pid, and remove its data')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show what the lab runs')
            break
        }
        'hactl;help;lab;up' {
            break
        }
        'hactl;help;lab;down' {
            break
        }
        'hactl;help;lab;status' {
            break
        }
        'hactl;help;etcd' {
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Check each endpoint: a linearizable read and the alarms; say whether quorum holds')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show each endpoint''s member id, version, DB size, leader, raft term and index, errors')
            [CompletionResult]::new('members', 'members', [CompletionResultType]::ParameterValue, 'List the members of the cluster')
            [CompletionResult]::new('alarms', 'alarms', [CompletionResultType]::ParameterValue, 'List the active alarms (NOSPACE, CORRUPT)')
            break
        }
        'hactl;help;etcd;health' {
            break
        }
        'hactl;help;etcd;status' {
            break
        }
        'hactl;help;etcd;members' {
            break
        }
        'hactl;help;etcd;alarms' {
            break
        }
        'hactl;help;sentinel' {
            [CompletionResult]::new('masters', 'masters', [CompletionResultType]::ParameterValue, 'List the masters the Sentinels monitor, with their flags, replicas and quorum')
            [CompletionResult]::new('replicas', 'replicas', [CompletionResultType]::ParameterValue, 'List a master''s replicas: flags, link status, offsets, priority')
            [CompletionResult]::new('sentinels', 'sentinels', [CompletionResultType]::ParameterValue, 'List the other Sentinels watching a master')
            [CompletionResult]::new('get-master-addr', 'get-master-addr', [CompletionResultType]::ParameterValue, 'Print a master''s address (GET-MASTER-ADDR-BY-NAME)')
            [CompletionResult]::new('ckquorum', 'ckquorum', [CompletionResultType]::ParameterValue, 'Check that the Sentinels can reach quorum and authorize a failover (exit 1 when not)')
            [CompletionResult]::new('failover', 'failover', [CompletionResultType]::ParameterValue, 'Fail a master over to a replica: quorum checked, replicas shown, confirmed, then verified')
            break
        }
        'hactl;help;sentinel;masters' {
            break
        }
        'hactl;help;sentinel;replicas' {
            break
        }
        'hactl;help;sentinel;sentinels' {
            break
        }
        'hactl;help;sentinel;get-master-addr' {
            break
        }
        'hactl;help;sentinel;ckquorum' {
            break
        }
        'hactl;help;sentinel;failover' {
            break
        }
        'hactl;help;check' {
            break
        }
        'hactl;help;status' {
            break
        }
        'hactl;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
