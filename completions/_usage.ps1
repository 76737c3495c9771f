
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'usage' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'usage'
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
        'usage' {
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Print KPI totals, daily cost and the per-agent leaderboard')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Evaluate spend budgets; exit 1 when one is exceeded')
            [CompletionResult]::new('errors', 'errors', [CompletionResultType]::ParameterValue, 'Show how often runs fail, why, and which agents fail most (the Errors tab)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in: read a token from stdin or a hidden prompt, check it, save it for the server')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the current server''s saved token (it is not revoked on the server)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Show the sign-in state')
            [CompletionResult]::new('pricing', 'pricing', [CompletionResultType]::ParameterValue, 'Inspect and extend the price table')
            [CompletionResult]::new('workspaces', 'workspaces', [CompletionResultType]::ParameterValue, 'List the workspaces you belong to (the current one is marked)')
            [CompletionResult]::new('projects', 'projects', [CompletionResultType]::ParameterValue, 'List the workspace''s projects')
            [CompletionResult]::new('agents', 'agents', [CompletionResultType]::ParameterValue, 'List the workspace''s agents, archived ones included')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usage;report' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Days to report, 1 to 365, today included [default: 30]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days to report, 1 to 365, today included [default: 30]')
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'A calendar period instead of --days (weeks start on Monday)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The first day of a range, YYYY-MM-DD in the report''s zone, within the server''s 365 days')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'The range''s last day, inclusive [default: today]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project title, UUID or UUID prefix (4+ hex characters)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project title, UUID or UUID prefix (4+ hex characters)')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]')
            [CompletionResult]::new('--by', '--by', [CompletionResultType]::ParameterName, 'What the ranked table lists: agent, model, provider, agent,model (each agent''s models), project (plus "No project") or workspace (when reporting all) [default: agent]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only these agents, by name (any case) or id; repeatable')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'The ranked table''s order')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'The ranked table''s order')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N rows of the ranked table')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N rows of the ranked table')
            [CompletionResult]::new('--grain', '--grain', [CompletionResultType]::ParameterName, 'The trend''s buckets: calendar days, Monday-to-Sunday weeks or calendar months [default: days up to 31 days, weeks up to 182, months beyond]')
            [CompletionResult]::new('--bar', '--bar', [CompletionResultType]::ParameterName, 'What the trend''s bars measure')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The table `--format csv` prints: the leaderboard, or the daily or weekly series')
            [CompletionResult]::new('--watch', '--watch', [CompletionResultType]::ParameterName, 'Redraw every SECONDS (default 60, minimum 10); terminals only')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('--compare', '--compare', [CompletionResultType]::ParameterName, 'Show each figure''s change against the previous window of the same length (the previous calendar period for --period)')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use an embedded sample workspace instead of a server')
            [CompletionResult]::new('--strict-pricing', '--strict-pricing', [CompletionResultType]::ParameterName, 'Exit 1 when any token could not be priced')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Draw bars with ASCII characters')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;check' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Days to report, 1 to 365, today included [default: 30]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days to report, 1 to 365, today included [default: 30]')
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'A calendar period instead of --days (weeks start on Monday)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The first day of a range, YYYY-MM-DD in the report''s zone, within the server''s 365 days')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'The range''s last day, inclusive [default: today]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project title, UUID or UUID prefix (4+ hex characters)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project title, UUID or UUID prefix (4+ hex characters)')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]')
            [CompletionResult]::new('--budget', '--budget', [CompletionResultType]::ParameterName, 'Spend limit in USD for the window')
            [CompletionResult]::new('--budget-tokens', '--budget-tokens', [CompletionResultType]::ParameterName, 'Token limit for the window')
            [CompletionResult]::new('--max-failure-rate', '--max-failure-rate', [CompletionResultType]::ParameterName, 'Fail (exit 1) when more than PCT percent of the window''s finished runs failed')
            [CompletionResult]::new('--warn-at', '--warn-at', [CompletionResultType]::ParameterName, 'Warning level in percent of the budget')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format: the report (json adds `budgets`), or markdown''s budget summary')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format: the report (json adds `budgets`), or markdown''s budget summary')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Check --budget or --budget-tokens against one agent''s spend (name in any case, or id)')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('--fail-on-forecast', '--fail-on-forecast', [CompletionResultType]::ParameterName, 'Fail (exit 1) when the forecast for the period exceeds the budget')
            [CompletionResult]::new('--strict-pricing', '--strict-pricing', [CompletionResultType]::ParameterName, 'Fail (exit 1) a USD budget when any of its tokens could not be priced')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use an embedded sample workspace instead of a server')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Draw bars with ASCII characters')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;errors' {
            [CompletionResult]::new('-d', '-d', [CompletionResultType]::ParameterName, 'Days to report, 1 to 365, today included [default: 30]')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Days to report, 1 to 365, today included [default: 30]')
            [CompletionResult]::new('--period', '--period', [CompletionResultType]::ParameterName, 'A calendar period instead of --days (weeks start on Monday)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'The first day of a range, YYYY-MM-DD in the report''s zone, within the server''s 365 days')
            [CompletionResult]::new('--until', '--until', [CompletionResultType]::ParameterName, 'The range''s last day, inclusive [default: today]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Project title, UUID or UUID prefix (4+ hex characters)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project title, UUID or UUID prefix (4+ hex characters)')
            [CompletionResult]::new('--tz', '--tz', [CompletionResultType]::ParameterName, 'IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]')
            [CompletionResult]::new('--agent', '--agent', [CompletionResultType]::ParameterName, 'Only these agents'' runs, by name (any case) or id; repeatable')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'How agents with failures are ranked')
            [CompletionResult]::new('--sort', '--sort', [CompletionResultType]::ParameterName, 'How agents with failures are ranked')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most N agents')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most N agents')
            [CompletionResult]::new('--grain', '--grain', [CompletionResultType]::ParameterName, 'The trend''s buckets [default: days up to 31 days, weeks beyond]')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--table', '--table', [CompletionResultType]::ParameterName, 'The table `--format csv` prints')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use an embedded sample workspace instead of a server')
            [CompletionResult]::new('--ascii', '--ascii', [CompletionResultType]::ParameterName, 'Draw bars with ASCII characters')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;login' {
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('--insecure-storage', '--insecure-storage', [CompletionResultType]::ParameterName, 'Save the token in config.toml (mode 0600) instead of the system keychain')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;logout' {
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;auth' {
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show server, user, workspace, where the token came from and every server signed in to; exit 3 when not signed in to the current server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usage;auth;status' {
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;auth;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show server, user, workspace, where the token came from and every server signed in to; exit 3 when not signed in to the current server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usage;auth;help;status' {
            break
        }
        'usage;auth;help;help' {
            break
        }
        'usage;pricing' {
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List price rows, optionally those whose name contains PATTERN')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show how a model name is matched to a price row')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Import LiteLLM''s latest published prices into your pricing.toml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usage;pricing;list' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'f')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;pricing;explain' {
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'The provider the server reports with the model (e.g. claude, codex, cursor)')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'The provider the server reports with the model (e.g. claude, codex, cursor)')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;pricing;import' {
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show every row that would be added or changed, old → new rates; write nothing')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Also replace your own rows and the prices of Multica''s Usage page')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;pricing;update' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Where to download the price file [default: LiteLLM''s on GitHub] [env: USAGE_PRICES_URL]')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Show every row that would be added or changed, old → new rates; write nothing')
            [CompletionResult]::new('--overwrite', '--overwrite', [CompletionResultType]::ParameterName, 'Also replace your own rows and the prices of Multica''s Usage page')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;pricing;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List price rows, optionally those whose name contains PATTERN')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show how a model name is matched to a price row')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Import LiteLLM''s latest published prices into your pricing.toml')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usage;pricing;help;list' {
            break
        }
        'usage;pricing;help;explain' {
            break
        }
        'usage;pricing;help;import' {
            break
        }
        'usage;pricing;help;update' {
            break
        }
        'usage;pricing;help;help' {
            break
        }
        'usage;workspaces' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use an embedded sample workspace instead of a server')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;projects' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use an embedded sample workspace instead of a server')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;agents' {
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'Output format')
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('--demo', '--demo', [CompletionResultType]::ParameterName, 'Use an embedded sample workspace instead of a server')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;completions' {
            [CompletionResult]::new('--server-url', '--server-url', [CompletionResultType]::ParameterName, 'Multica server URL [env: MULTICA_SERVER_URL]')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--workspace', '--workspace', [CompletionResultType]::ParameterName, 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]')
            [CompletionResult]::new('--pricing', '--pricing', [CompletionResultType]::ParameterName, 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print no notes on stderr (errors, budget verdicts and annotations still show)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates')
            [CompletionResult]::new('--allow-insecure-http', '--allow-insecure-http', [CompletionResultType]::ParameterName, 'Allow sending the token over plain http:// to a host other than loopback')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'usage;help' {
            [CompletionResult]::new('report', 'report', [CompletionResultType]::ParameterValue, 'Print KPI totals, daily cost and the per-agent leaderboard')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Evaluate spend budgets; exit 1 when one is exceeded')
            [CompletionResult]::new('errors', 'errors', [CompletionResultType]::ParameterValue, 'Show how often runs fail, why, and which agents fail most (the Errors tab)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in: read a token from stdin or a hidden prompt, check it, save it for the server')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the current server''s saved token (it is not revoked on the server)')
            [CompletionResult]::new('auth', 'auth', [CompletionResultType]::ParameterValue, 'Show the sign-in state')
            [CompletionResult]::new('pricing', 'pricing', [CompletionResultType]::ParameterValue, 'Inspect and extend the price table')
            [CompletionResult]::new('workspaces', 'workspaces', [CompletionResultType]::ParameterValue, 'List the workspaces you belong to (the current one is marked)')
            [CompletionResult]::new('projects', 'projects', [CompletionResultType]::ParameterValue, 'List the workspace''s projects')
            [CompletionResult]::new('agents', 'agents', [CompletionResultType]::ParameterValue, 'List the workspace''s agents, archived ones included')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'usage;help;report' {
            break
        }
        'usage;help;check' {
            break
        }
        'usage;help;errors' {
            break
        }
        'usage;help;login' {
            break
        }
        'usage;help;logout' {
            break
        }
        'usage;help;auth' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show server, user, workspace, where the token came from and every server signed in to; exit 3 when not signed in to the current server')
            break
        }
        'usage;help;auth;status' {
            break
        }
        'usage;help;pricing' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List price rows, optionally those whose name contains PATTERN')
            [CompletionResult]::new('explain', 'explain', [CompletionResultType]::ParameterValue, 'Show how a model name is matched to a price row')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Import LiteLLM''s latest published prices into your pricing.toml')
            break
        }
        'usage;help;pricing;list' {
            break
        }
        'usage;help;pricing;explain' {
            break
        }
        'usage;help;pricing;import' {
            break
        }
        'usage;help;pricing;update' {
            break
        }
        'usage;help;workspaces' {
            break
        }
        'usage;help;projects' {
            break
        }
        'usage;help;agents' {
            break
        }
        'usage;help;completions' {
            break
        }
        'usage;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
