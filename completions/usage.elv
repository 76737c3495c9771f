
use builtin;
use str;

set edit:completion:arg-completer[usage] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'usage'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'usage'= {
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand report 'Print KPI totals, daily cost and the per-agent leaderboard'
            cand check 'Evaluate spend budgets; exit 1 when one is exceeded'
            cand errors 'Show how often runs fail, why, and which agents fail most (the Errors tab)'
            cand login 'Sign in: read a token from stdin or a hidden prompt, check it, save it for the server'
            cand logout 'Forget the current server''s saved token (it is not revoked on the server)'
            cand auth 'Show the sign-in state'
            cand pricing 'Inspect and extend the price table'
            cand workspaces 'List the workspaces you belong to (the current one is marked)'
            cand projects 'List the workspace''s projects'
            cand agents 'List the workspace''s agents, archived ones included'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usage;report'= {
            cand -d 'Days to report, 1 to 365, today included [default: 30]'
            cand --days 'Days to report, 1 to 365, today included [default: 30]'
            cand --period 'A calendar period instead of --days (weeks start on Monday)'
            cand --since 'The first day of a range, YYYY-MM-DD in the report''s zone, within the server''s 365 days'
            cand --until 'The range''s last day, inclusive [default: today]'
            cand -p 'Project title, UUID or UUID prefix (4+ hex characters)'
            cand --project 'Project title, UUID or UUID prefix (4+ hex characters)'
            cand --tz 'IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]'
            cand --by 'What the ranked table lists: agent, model, provider, agent,model (each agent''s models), project (plus "No project") or workspace (when reporting all) [default: agent]'
            cand --agent 'Only these agents, by name (any case) or id; repeatable'
            cand -s 'The ranked table''s order'
            cand --sort 'The ranked table''s order'
            cand -n 'Show at most N rows of the ranked table'
            cand --limit 'Show at most N rows of the ranked table'
            cand --grain 'The trend''s buckets: calendar days, Monday-to-Sunday weeks or calendar months [default: days up to 31 days, weeks up to 182, months beyond]'
            cand --bar 'What the trend''s bars measure'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --table 'The table `--format csv` prints: the leaderboard, or the daily or weekly series'
            cand --watch 'Redraw every SECONDS (default 60, minimum 10); terminals only'
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand --compare 'Show each figure''s change against the previous window of the same length (the previous calendar period for --period)'
            cand --demo 'Use an embedded sample workspace instead of a server'
            cand --strict-pricing 'Exit 1 when any token could not be priced'
            cand --ascii 'Draw bars with ASCII characters'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;check'= {
            cand -d 'Days to report, 1 to 365, today included [default: 30]'
            cand --days 'Days to report, 1 to 365, today included [default: 30]'
            cand --period 'A calendar period instead of --days (weeks start on Monday)'
            cand --since 'The first day of a range, YYYY-MM-DD in the report''s zone, within the server''s 365 days'
            cand --until 'The range''s last day, inclusive [default: today]'
            cand -p 'Project title, UUID or UUID prefix (4+ hex characters)'
            cand --project 'Project title, UUID or UUID prefix (4+ hex characters)'
            cand --tz 'IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]'
            cand --budget 'Spend limit in USD for the window'
            cand --budget-tokens 'Token limit for the window'
            cand --max-failure-rate 'Fail (exit 1) when more than PCT percent of the window''s finished runs failed'
            cand --warn-at 'Warning level in percent of the budget'
            cand -f 'Output format: the report (json adds `budgets`), or markdown''s budget summary'
            cand --format 'Output format: the report (json adds `budgets`), or markdown''s budget summary'
            cand --agent 'Check --budget or --budget-tokens against one agent''s spend (name in any case, or id)'
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand --fail-on-forecast 'Fail (exit 1) when the forecast for the period exceeds the budget'
            cand --strict-pricing 'Fail (exit 1) a USD budget when any of its tokens could not be priced'
            cand --demo 'Use an embedded sample workspace instead of a server'
            cand --ascii 'Draw bars with ASCII characters'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;errors'= {
            cand -d 'Days to report, 1 to 365, today included [default: 30]'
            cand --days 'Days to report, 1 to 365, today included [default: 30]'
            cand --period 'A calendar period instead of --days (weeks start on Monday)'
            cand --since 'The first day of a range, YYYY-MM-DD in the report''s zone, within the server''s 365 days'
            cand --until 'The range''s last day, inclusive [default: today]'
            cand -p 'Project title, UUID or UUID prefix (4+ hex characters)'
            cand --project 'Project title, UUID or UUID prefix (4+ hex characters)'
            cand --tz 'IANA time zone for day buckets, any case [default: config, your Multica profile, the system zone, UTC]'
            cand --agent 'Only these agents'' runs, by name (any case) or id; repeatable'
            cand -s 'How agents with failures are ranked'
            cand --sort 'How agents with failures are ranked'
            cand -n 'Show at most N agents'
            cand --limit 'Show at most N agents'
            cand --grain 'The trend''s buckets [default: days up to 31 days, weeks beyond]'
            cand -f 'Output format'
            cand --format 'Output format'
            cand --table 'The table `--format csv` prints'
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand --demo 'Use an embedded sample workspace instead of a server'
            cand --ascii 'Draw bars with ASCII characters'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;login'= {
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand --insecure-storage 'Save the token in config.toml (mode 0600) instead of the system keychain'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;logout'= {
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;auth'= {
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand status 'Show server, user, workspace, where the token came from and every server signed in to; exit 3 when not signed in to the current server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usage;auth;status'= {
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;auth;help'= {
            cand status 'Show server, user, workspace, where the token came from and every server signed in to; exit 3 when not signed in to the current server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usage;auth;help;status'= {
        }
        &'usage;auth;help;help'= {
        }
        &'usage;pricing'= {
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List price rows, optionally those whose name contains PATTERN'
            cand explain 'Show how a model name is matched to a price row'
            cand import 'Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml'
            cand update 'Import LiteLLM''s latest published prices into your pricing.toml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usage;pricing;list'= {
            cand -f 'f'
            cand --format 'format'
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;pricing;explain'= {
            cand -p 'The provider the server reports with the model (e.g. claude, codex, cursor)'
            cand --provider 'The provider the server reports with the model (e.g. claude, codex, cursor)'
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;pricing;import'= {
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand --dry-run 'Show every row that would be added or changed, old → new rates; write nothing'
            cand --overwrite 'Also replace your own rows and the prices of Multica''s Usage page'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;pricing;update'= {
            cand --url 'Where to download the price file [default: LiteLLM''s on GitHub] [env: USAGE_PRICES_URL]'
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand --dry-run 'Show every row that would be added or changed, old → new rates; write nothing'
            cand --overwrite 'Also replace your own rows and the prices of Multica''s Usage page'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;pricing;help'= {
            cand list 'List price rows, optionally those whose name contains PATTERN'
            cand explain 'Show how a model name is matched to a price row'
            cand import 'Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml'
            cand update 'Import LiteLLM''s latest published prices into your pricing.toml'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usage;pricing;help;list'= {
        }
        &'usage;pricing;help;explain'= {
        }
        &'usage;pricing;help;import'= {
        }
        &'usage;pricing;help;update'= {
        }
        &'usage;pricing;help;help'= {
        }
        &'usage;workspaces'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand --demo 'Use an embedded sample workspace instead of a server'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;projects'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand --demo 'Use an embedded sample workspace instead of a server'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;agents'= {
            cand -f 'Output format'
            cand --format 'Output format'
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand --demo 'Use an embedded sample workspace instead of a server'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;completions'= {
            cand --server-url 'Multica server URL [env: MULTICA_SERVER_URL]'
            cand -w 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --workspace 'Workspace slug, UUID or UUID prefix; `all` sums every workspace you belong to (report, check) [env: MULTICA_WORKSPACE_ID]'
            cand --color 'When to use colour'
            cand --timeout 'Per-request time limit: seconds or a duration like 45s, 2m; the whole command stops after 4 times this [env: MULTICA_HTTP_TIMEOUT]'
            cand --pricing 'Extra price rows ($ per million tokens), beating the built-in table and pricing.toml'
            cand -q 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand --quiet 'Print no notes on stderr (errors, budget verdicts and annotations still show)'
            cand -v 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --verbose 'Print each request and response status to stderr (the token is never shown); with `pricing import`, list every row with its old → new rates'
            cand --allow-insecure-http 'Allow sending the token over plain http:// to a host other than loopback'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'usage;help'= {
            cand report 'Print KPI totals, daily cost and the per-agent leaderboard'
            cand check 'Evaluate spend budgets; exit 1 when one is exceeded'
            cand errors 'Show how often runs fail, why, and which agents fail most (the Errors tab)'
            cand login 'Sign in: read a token from stdin or a hidden prompt, check it, save it for the server'
            cand logout 'Forget the current server''s saved token (it is not revoked on the server)'
            cand auth 'Show the sign-in state'
            cand pricing 'Inspect and extend the price table'
            cand workspaces 'List the workspaces you belong to (the current one is marked)'
            cand projects 'List the workspace''s projects'
            cand agents 'List the workspace''s agents, archived ones included'
            cand completions 'Print a shell completion script'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'usage;help;report'= {
        }
        &'usage;help;check'= {
        }
        &'usage;help;errors'= {
        }
        &'usage;help;login'= {
        }
        &'usage;help;logout'= {
        }
        &'usage;help;auth'= {
            cand status 'Show server, user, workspace, where the token came from and every server signed in to; exit 3 when not signed in to the current server'
        }
        &'usage;help;auth;status'= {
        }
        &'usage;help;pricing'= {
            cand list 'List price rows, optionally those whose name contains PATTERN'
            cand explain 'Show how a model name is matched to a price row'
            cand import 'Import a LiteLLM-format price JSON (a file or an https:// URL) into your pricing.toml'
            cand update 'Import LiteLLM''s latest published prices into your pricing.toml'
        }
        &'usage;help;pricing;list'= {
        }
        &'usage;help;pricing;explain'= {
        }
        &'usage;help;pricing;import'= {
        }
        &'usage;help;pricing;update'= {
        }
        &'usage;help;workspaces'= {
        }
        &'usage;help;projects'= {
        }
        &'usage;help;agents'= {
        }
        &'usage;help;completions'= {
        }
        &'usage;help;help'= {
        }
    ]
    $completions[$command]
}
