# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_usage_global_optspecs
    string join \n server-url= w/workspace= color= q/quiet v/verbose timeout= allow-insecure-http pricing= h/help V/version
end

function __fish_usage_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_usage_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_usage_using_subcommand
    set -l cmd (__fish_usage_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c usage -n "__fish_usage_needs_command" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_needs_command" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_needs_command" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_needs_command" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_needs_command" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_needs_command" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_needs_command" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_needs_command" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usage -n "__fish_usage_needs_command" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_needs_command" -f -a "report" -d 'Print KPI totals, daily cost and the per-agent leaderboard'
complete -c usage -n "__fish_usage_needs_command" -f -a "check" -d 'Evaluate spend budgets; exit 1 when one is exceeded'
complete -c usage -n "__fish_usage_needs_command" -f -a "errors" -d 'Show how often runs fail, why, and which agents fail most (the Errors tab)'
complete -c usage -n "__fish_usage_needs_command" -f -a "login" -d 'Sign in: read a token from stdin or a hidden prompt, check it, save it for the server'
complete -c usage -n "__fish_usage_needs_command" -f -a "logout" -d 'Forget the current server\'s saved token (it is not revoked on the server)'
complete -c usage -n "__fish_usage_needs_command" -f -a "auth" -d 'Show the sign-in state'
complete -c usage -n "__fish_usage_needs_command" -f -a "pricing" -d 'Inspect and extend the price table'
complete -c usage -n "__fish_usage_needs_command" -f -a "workspaces" -d 'List the workspaces you belong to (the current one is marked)'
complete -c usage -n "__fish_usage_needs_command" -f -a "projects" -d 'List the workspace\'s projects'
complete -c usage -n "__fish_usage_needs_command" -f -a "agents" -d 'List the workspace\'s agents, archived ones included'
complete -c usage -n "__fish_usage_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c usage -n "__fish_usage_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usage -n "__fish_usage_using_subcommand report" -s d -l days -d 'Days to report, 1 to 365, today included [default: 30]' -r
complete -c usage -n "__fish_usage_using_subcommand report" -l period -d 'A calendar period instead of --days (weeks start on Monday)' -r -f -a "today\t''
week\t''
month\t''
yesterday\t''
last-week\t'The Monday-to-Sunday week before this one'
last-month\t'The calendar month before this one'"
complete -c usage -n "__fish_usage_using_subcommand report" -l since -d 'The first day of a range, YYYY-MM-DD in the report\'s zone, within the server\'s 365 days' -r
complete -c usage -n "__fish_usage_using_subcommand report" -l until -d 'The range\'s last day, inclusive [default: today]' -r
complete -c usage -n "__fish_usage_using_subcommand report" -s p -l project -d 'Project title, UUID or UUID prefix (4+ hex characters)' -r
complete -c usage -n "__fish_usage_using_subcommand report" -l tz -d 'IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]' -r
complete -c usage -n "__fish_usage_using_subcommand report" -l by -d 'What the ranked table lists: agent, model, provider, agent,model (each agent\'s models), project (plus "No project") or workspace (when reporting all) [default: agent]' -r
complete -c usage -n "__fish_usage_using_subcommand report" -l agent -d 'Only these agents, by name (any case) or id; repeatable' -r
complete -c usage -n "__fish_usage_using_subcommand report" -s s -l sort -d 'The ranked table\'s order' -r -f -a "tokens\t''
cost\t''
time\t''
tasks\t''"
complete -c usage -n "__fish_usage_using_subcommand report" -s n -l limit -d 'Show at most N rows of the ranked table' -r
complete -c usage -n "__fish_usage_using_subcommand report" -l grain -d 'The trend\'s buckets: calendar days, Monday-to-Sunday weeks or calendar months [default: days up to 31 days, weeks up to 182, months beyond]' -r -f -a "day\t''
week\t''
month\t''"
complete -c usage -n "__fish_usage_using_subcommand report" -l bar -d 'What the trend\'s bars measure' -r -f -a "cost\t''
tokens\t''
time\t''
tasks\t''"
complete -c usage -n "__fish_usage_using_subcommand report" -s f -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
markdown\t''"
complete -c usage -n "__fish_usage_using_subcommand report" -l table -d 'The table `--format csv` prints: the leaderboard, or the daily or weekly series' -r -f -a "agents\t''
daily\t''
weekly\t''"
complete -c usage -n "__fish_usage_using_subcommand report" -l watch -d 'Redraw every SECONDS (default 60, minimum 10); terminals only' -r
complete -c usage -n "__fish_usage_using_subcommand report" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand report" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand report" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand report" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand report" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand report" -l compare -d 'Show each figure\'s change against the previous window of the same length (the previous calendar period for --period)'
complete -c usage -n "__fish_usage_using_subcommand report" -l demo -d 'Use an embedded sample workspace instead of a server'
complete -c usage -n "__fish_usage_using_subcommand report" -l strict-pricing -d 'Exit 1 when any token could not be priced'
complete -c usage -n "__fish_usage_using_subcommand report" -l ascii -d 'Draw bars with ASCII characters'
complete -c usage -n "__fish_usage_using_subcommand report" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand report" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand report" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand report" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usage -n "__fish_usage_using_subcommand report" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand check" -s d -l days -d 'Days to report, 1 to 365, today included [default: 30]' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l period -d 'A calendar period instead of --days (weeks start on Monday)' -r -f -a "today\t''
week\t''
month\t''
yesterday\t''
last-week\t'The Monday-to-Sunday week before this one'
last-month\t'The calendar month before this one'"
complete -c usage -n "__fish_usage_using_subcommand check" -l since -d 'The first day of a range, YYYY-MM-DD in the report\'s zone, within the server\'s 365 days' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l until -d 'The range\'s last day, inclusive [default: today]' -r
complete -c usage -n "__fish_usage_using_subcommand check" -s p -l project -d 'Project title, UUID or UUID prefix (4+ hex characters)' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l tz -d 'IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l budget -d 'Spend limit in USD for the window' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l budget-tokens -d 'Token limit for the window' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l max-failure-rate -d 'Fail (exit 1) when more than PCT percent of the window\'s finished runs failed' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l warn-at -d 'Warning level in percent of the budget' -r
complete -c usage -n "__fish_usage_using_subcommand check" -s f -l format -d 'Output format: the report (json adds `budgets`), or markdown\'s budget summary' -r -f -a "table\t''
json\t''
markdown\t''"
complete -c usage -n "__fish_usage_using_subcommand check" -l agent -d 'Check --budget or --budget-tokens against one agent\'s spend (name in any case, or id)' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand check" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand check" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand check" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand check" -l fail-on-forecast -d 'Fail (exit 1) when the forecast for the period exceeds the budget'
complete -c usage -n "__fish_usage_using_subcommand check" -l strict-pricing -d 'Fail (exit 1) a USD budget when any of its tokens could not be priced'
complete -c usage -n "__fish_usage_using_subcommand check" -l demo -d 'Use an embedded sample workspace instead of a server'
complete -c usage -n "__fish_usage_using_subcommand check" -l ascii -d 'Draw bars with ASCII characters'
complete -c usage -n "__fish_usage_using_subcommand check" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand check" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand check" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usage -n "__fish_usage_using_subcommand check" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand errors" -s d -l days -d 'Days to report, 1 to 365, today included [default: 30]' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -l period -d 'A calendar period instead of --days (weeks start on Monday)' -r -f -a "today\t''
week\t''
month\t''
yesterday\t''
last-week\t'The Monday-to-Sunday week before this one'
last-month\t'The calendar month before this one'"
complete -c usage -n "__fish_usage_using_subcommand errors" -l since -d 'The first day of a range, YYYY-MM-DD in the report\'s zone, within the server\'s 365 days' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -l until -d 'The range\'s last day, inclusive [default: today]' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -s p -l project -d 'Project title, UUID or UUID prefix (4+ hex characters)' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -l tz -d 'IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -l agent -d 'Only these agents\' runs, by name (any case) or id; repeatable' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -s s -l sort -d 'How agents with failures are ranked' -r -f -a "failed\t'Most failed runs first'
rate\t'Highest failure rate first; agents with fewer than 10 runs last'"
complete -c usage -n "__fish_usage_using_subcommand errors" -s n -l limit -d 'Show at most N agents' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -l grain -d 'The trend\'s buckets [default: days up to 31 days, weeks beyond]' -r -f -a "day\t''
week\t''"
complete -c usage -n "__fish_usage_using_subcommand errors" -s f -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''
markdown\t''"
complete -c usage -n "__fish_usage_using_subcommand errors" -l table -d 'The table `--format csv` prints' -r -f -a "agents\t''
classes\t''
reasons\t''
daily\t''
weekly\t''"
complete -c usage -n "__fish_usage_using_subcommand errors" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand errors" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand errors" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand errors" -l demo -d 'Use an embedded sample workspace instead of a server'
complete -c usage -n "__fish_usage_using_subcommand errors" -l ascii -d 'Draw bars with ASCII characters'
complete -c usage -n "__fish_usage_using_subcommand errors" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand errors" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand errors" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand errors" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c usage -n "__fish_usage_using_subcommand errors" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand login" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand login" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand login" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand login" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand login" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand login" -l insecure-storage -d 'Save the token in config.toml (mode 0600) instead of the system keychain'
complete -c usage -n "__fish_usage_using_subcommand login" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand login" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand login" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand login" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand login" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand logout" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand logout" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand logout" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand logout" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand logout" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand logout" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand logout" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand logout" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand logout" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand logout" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "status" -d 'Show server, user, workspace, where the token came from and every server signed in to; exit 3 when not signed in to the current server'
complete -c usage -n "__fish_usage_using_subcommand auth; and not __fish_seen_subcommand_from status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from status" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "status" -d 'Show server, user, workspace, where the token came from and every server signed in to; exit 3 when not signed in to the current server'
complete -c usage -n "__fish_usage_using_subcommand auth; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -f -a "list" -d 'List price rows, optionally those whose name contains PATTERN'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -f -a "explain" -d 'Show how a model name is matched to a price row'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -f -a "import" -d 'Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -f -a "update" -d 'Import LiteLLM\'s latest published prices into your pricing.toml'
complete -c usage -n "__fish_usage_using_subcommand pricing; and not __fish_seen_subcommand_from list explain import update help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -s f -l format -r -f -a "table\t''
json\t''
csv\t''"
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -s p -l provider -d 'The provider the server reports with the model (e.g. claude, codex, cursor)' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from explain" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -l dry-run -d 'Show every row that would be added or changed, old → new rates; write nothing'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -l overwrite -d 'Also replace your own rows and the prices of Multica\'s Usage page'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -l url -d 'Where to download the price file [default: LiteLLM\'s on GitHub] [env: USAGE_PRICES_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -l dry-run -d 'Show every row that would be added or changed, old → new rates; write nothing'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -l overwrite -d 'Also replace your own rows and the prices of Multica\'s Usage page'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from update" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from help" -f -a "list" -d 'List price rows, optionally those whose name contains PATTERN'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from help" -f -a "explain" -d 'Show how a model name is matched to a price row'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from help" -f -a "import" -d 'Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from help" -f -a "update" -d 'Import LiteLLM\'s latest published prices into your pricing.toml'
complete -c usage -n "__fish_usage_using_subcommand pricing; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usage -n "__fish_usage_using_subcommand workspaces" -s f -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c usage -n "__fish_usage_using_subcommand workspaces" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand workspaces" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand workspaces" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand workspaces" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand workspaces" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand workspaces" -l demo -d 'Use an embedded sample workspace instead of a server'
complete -c usage -n "__fish_usage_using_subcommand workspaces" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand workspaces" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand workspaces" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand workspaces" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand workspaces" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand projects" -s f -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c usage -n "__fish_usage_using_subcommand projects" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand projects" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand projects" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand projects" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand projects" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand projects" -l demo -d 'Use an embedded sample workspace instead of a server'
complete -c usage -n "__fish_usage_using_subcommand projects" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand projects" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand projects" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand projects" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand projects" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand agents" -s f -l format -d 'Output format' -r -f -a "table\t''
json\t''
csv\t''"
complete -c usage -n "__fish_usage_using_subcommand agents" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand agents" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand agents" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand agents" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand agents" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand agents" -l demo -d 'Use an embedded sample workspace instead of a server'
complete -c usage -n "__fish_usage_using_subcommand agents" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand agents" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand agents" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand agents" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand agents" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand completions" -l server-url -d 'Multica server URL [env: MULTICA_SERVER_URL]' -r
complete -c usage -n "__fish_usage_using_subcommand completions" -s w -l workspace -d 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]' -r
complete -c usage -n "__fish_usage_using_subcommand completions" -l color -d 'When to use colour' -r -f -a "auto\t''
always\t''
never\t''"
complete -c usage -n "__fish_usage_using_subcommand completions" -l timeout -d 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]' -r
complete -c usage -n "__fish_usage_using_subcommand completions" -l pricing -d 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml' -r -F
complete -c usage -n "__fish_usage_using_subcommand completions" -s q -l quiet -d 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
complete -c usage -n "__fish_usage_using_subcommand completions" -s v -l verbose -d 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
complete -c usage -n "__fish_usage_using_subcommand completions" -l allow-insecure-http -d 'Allow sending the token over plain http:// to a host other than loopback'
complete -c usage -n "__fish_usage_using_subcommand completions" -s h -l help -d 'Print help'
complete -c usage -n "__fish_usage_using_subcommand completions" -s V -l version -d 'Print version'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "report" -d 'Print KPI totals, daily cost and the per-agent leaderboard'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "check" -d 'Evaluate spend budgets; exit 1 when one is exceeded'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "errors" -d 'Show how often runs fail, why, and which agents fail most (the Errors tab)'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "login" -d 'Sign in: read a token from stdin or a hidden prompt, check it, save it for the server'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "logout" -d 'Forget the current server\'s saved token (it is not revoked on the server)'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "auth" -d 'Show the sign-in state'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "pricing" -d 'Inspect and extend the price table'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "workspaces" -d 'List the workspaces you belong to (the current one is marked)'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "projects" -d 'List the workspace\'s projects'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "agents" -d 'List the workspace\'s agents, archived ones included'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "completions" -d 'Print a shell completion script'
complete -c usage -n "__fish_usage_using_subcommand help; and not __fish_seen_subcommand_from report check errors login logout auth pricing workspaces projects agents completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c usage -n "__fish_usage_using_subcommand help; and __fish_seen_subcommand_from auth" -f -a "status" -d 'Show server, user, workspace, where the token came from and every server signed in to; exit 3 when not signed in to the current server'
complete -c usage -n "__fish_usage_using_subcommand help; and __fish_seen_subcommand_from pricing" -f -a "list" -d 'List price rows, optionally those whose name contains PATTERN'
complete -c usage -n "__fish_usage_using_subcommand help; and __fish_seen_subcommand_from pricing" -f -a "explain" -d 'Show how a model name is matched to a price row'
complete -c usage -n "__fish_usage_using_subcommand help; and __fish_seen_subcommand_from pricing" -f -a "import" -d 'Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml'
complete -c usage -n "__fish_usage_using_subcommand help; and __fish_seen_subcommand_from pricing" -f -a "update" -d 'Import LiteLLM\'s latest published prices into your pricing.toml'
