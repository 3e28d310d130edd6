# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_extras_kiosk_global_optspecs
    string join \n db= kiosk= name= h/help V/version
end

function __fish_extras_kiosk_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_extras_kiosk_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_extras_kiosk_using_subcommand
    set -l cmd (__fish_extras_kiosk_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -s V -l version -d 'Print version'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "kiosk" -d 'Open the touchscreen kiosk (fullscreen; leaving it needs the PIN)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "day" -d 'Create or select the shoot day'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "import" -d 'Import the day\'s skin (CSV or XLSX); all rows or none'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "areas" -d 'Define and list holding areas'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "status" -d 'The day at a glance: booked, arrived, late, missing, in holding, released'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "badges" -d 'Write badges: one PNG each, or a PDF sheet (and print it)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "badge" -d 'Reissue or void one badge'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "token" -d 'Check a scanned badge payload'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "scan" -d 'Record a scanned badge (check-in or check-out)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "checkin" -d 'Check in an extra without their badge'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "release" -d 'Release one extra, a holding area, or everyone present'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "move" -d 'Move checked-in extras to another holding area'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "meal" -d 'Start or end a meal (or an NDB with --ndb) for one extra, an area, or everyone present'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "bump" -d 'Add or remove a bump (wardrobe, smoke, wet, ...) for one extra'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "walkin" -d 'Add a walk-in: someone not on the skin, with a badge of their own'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "correct" -d 'Correct a recorded time (a reason is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "undo" -d 'Take back a check-in or a release made by mistake (a reason is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "log" -d 'Print the history of the day (or of one badge); --verify checks the hash chain'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "export" -d 'Write the vouchers (CSV, XLSX, PDF) and the background count for wrap'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "items" -d 'Wardrobe and props handed to extras, and back'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "paperwork" -d 'Start paperwork (I-9 and the rest): verified or rejected by the PA'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "upgrade" -d 'Pay a non-union extra as union for the day (a line, a special business)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "dispute" -d 'An extra\'s dispute of their voucher: file it, list them, accept or reject one'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "voucher" -d 'Vouchers: reviewed and approved before payroll, or on paper for an extra who asks'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "purge" -d 'Remove the day\'s phone numbers and emails once its vouchers are exported'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "pin" -d 'The supervisor PIN'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "join" -d 'Make --db a new kiosk of the production in SOURCE (give --kiosk ID, and --name)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "kiosks" -d 'The production\'s kiosks this database knows, with their walk-in badge ranges'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "sync" -d 'Exchange events with another kiosk\'s database, a carry file (made when FILE is new), or the hub'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "hub" -d 'The production\'s PostgreSQL hub, on the set\'s own network'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "rejoin" -d 'A database restored from a backup continues as a new kiosk (give --kiosk NEWID)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "conflict" -d 'Conflicts between kiosks (listed by status)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "backup" -d 'Copy the live database consistently (do it at lunch and at wrap)'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "serve" -d 'Serve the web app (dashboard, roster, review, wrap) on this kiosk\'s file'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "web" -d 'The web app\'s people: `web user add|list|remove|password`'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "completions" -d 'Print the shell completion script (bash, zsh or fish) to standard output'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "manual" -d 'Print the manual page (roff) to standard output: `extras-kiosk manual | man -l -`'
complete -c extras-kiosk -n "__fish_extras_kiosk_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosk" -l mode -d 'What a scan records: checkin, or checkout at wrap. A kiosk starts in checkin whatever mode it was left in at last night\'s wrap' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosk" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosk" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosk" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosk" -l windowed -d 'Open in a window instead of fullscreen (for development)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosk" -l demo -d 'Open on a fresh temporary database seeded from the demo day (PIN 1234)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosk" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and not __fish_seen_subcommand_from open rules union-required require-approval help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and not __fish_seen_subcommand_from open rules union-required require-approval help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and not __fish_seen_subcommand_from open rules union-required require-approval help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and not __fish_seen_subcommand_from open rules union-required require-approval help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and not __fish_seen_subcommand_from open rules union-required require-approval help" -f -a "open" -d 'Create the day, or select it as the current day (and update the fields given)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and not __fish_seen_subcommand_from open rules union-required require-approval help" -f -a "rules" -d 'Name the rules files the day pays by (default: the shipped ones); prints the rules in effect'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and not __fish_seen_subcommand_from open rules union-required require-approval help" -f -a "union-required" -d 'Set the union background the day must have present (`none` clears it); the console\'s dashboard shows who is present against it'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and not __fish_seen_subcommand_from open rules union-required require-approval help" -f -a "require-approval" -d 'Whether released vouchers must be approved before `export` (default no)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and not __fish_seen_subcommand_from open rules union-required require-approval help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -l date -d 'The shoot date, YYYY-MM-DD (default: today)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -l title -d 'Title and episode, e.g. "Harbor Lights Ep 104"' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -l location -d 'Where the day shoots' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -l call -d 'Default call time for bookings without one, e.g. 06:30' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -l tz -d 'IANA time zone of the day, e.g. America/Los_Angeles (default: the machine\'s)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -l production -d 'The production\'s title (set once; default: the day\'s title)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from open" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from rules" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from rules" -l union -d 'Rules file for union bookings (TOML, like fixtures/rules/sag-aftra-2023-background.toml)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from rules" -l non-union -d 'Rules file for non-union bookings' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from rules" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from rules" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from rules" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from rules" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from union-required" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from union-required" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from union-required" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from union-required" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from union-required" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from require-approval" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from require-approval" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from require-approval" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from require-approval" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from require-approval" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from help" -f -a "open" -d 'Create the day, or select it as the current day (and update the fields given)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from help" -f -a "rules" -d 'Name the rules files the day pays by (default: the shipped ones); prints the rules in effect'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from help" -f -a "union-required" -d 'Set the union background the day must have present (`none` clears it); the console\'s dashboard shows who is present against it'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from help" -f -a "require-approval" -d 'Whether released vouchers must be approved before `export` (default no)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand day; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand import" -l date -d 'The day to import into (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand import" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand import" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand import" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand import" -l replace -d 'Allow a skin that removes more than half of the day\'s bookings'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand import" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and not __fish_seen_subcommand_from add import list help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and not __fish_seen_subcommand_from add import list help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and not __fish_seen_subcommand_from add import list help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and not __fish_seen_subcommand_from add import list help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and not __fish_seen_subcommand_from add import list help" -f -a "add" -d 'Add a holding area'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and not __fish_seen_subcommand_from add import list help" -f -a "import" -d 'Add every area of a CSV file (name,capacity,location,union,categories)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and not __fish_seen_subcommand_from add import list help" -f -a "list" -d 'List the day\'s holding areas in their order'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and not __fish_seen_subcommand_from add import list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -l capacity -d 'How many people it holds' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -l location -d 'Where it is, e.g. "Church basement"' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -l categories -d 'Only these categories go here, e.g. stand-in,photo-double' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -l union-only -d 'Only union background go here'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -l non-union-only -d 'Only non-union background go here'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from import" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from import" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from import" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from import" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from list" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from list" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from list" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from list" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a holding area'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from help" -f -a "import" -d 'Add every area of a CSV file (name,capacity,location,union,categories)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the day\'s holding areas in their order'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand areas; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand status" -l at -d 'As of this time: HH:MM, HH:MM+1 or YYYY-MM-DDTHH:MM (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand status" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand status" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand status" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand status" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand status" -l json -d 'Print one JSON object'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand status" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -l pdf -d 'Write a PDF sheet' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -l paper -d 'Paper of the PDF: letter or a4 (8 badges a page, cut marks) or cr80 (one card a page)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -l png-dir -d 'Write one PNG per badge (300 dpi) into this folder' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -l badge -d 'Only these badges, e.g. --badge B-0001 --badge B-0002' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -l print -d 'Send the PDF to the system printer (CUPS `lp`)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badges" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and not __fish_seen_subcommand_from reissue void help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and not __fish_seen_subcommand_from reissue void help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and not __fish_seen_subcommand_from reissue void help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and not __fish_seen_subcommand_from reissue void help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and not __fish_seen_subcommand_from reissue void help" -f -a "reissue" -d 'Issue a badge again: the old printout is refused as voided'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and not __fish_seen_subcommand_from reissue void help" -f -a "void" -d 'Void a badge: every printout is refused until it is reissued'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and not __fish_seen_subcommand_from reissue void help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from reissue" -l reason -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from reissue" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from reissue" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from reissue" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from reissue" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from reissue" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from void" -l reason -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from void" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from void" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from void" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from void" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from void" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from help" -f -a "reissue" -d 'Issue a badge again: the old printout is refused as voided'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from help" -f -a "void" -d 'Void a badge: every printout is refused until it is reissued'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand badge; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and not __fish_seen_subcommand_from verify help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and not __fish_seen_subcommand_from verify help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and not __fish_seen_subcommand_from verify help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and not __fish_seen_subcommand_from verify help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and not __fish_seen_subcommand_from verify help" -f -a "verify" -d 'Print what the kiosk would make of a scanned payload'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and not __fish_seen_subcommand_from verify help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and __fish_seen_subcommand_from verify" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and __fish_seen_subcommand_from verify" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and __fish_seen_subcommand_from verify" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and __fish_seen_subcommand_from verify" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "verify" -d 'Print what the kiosk would make of a scanned payload'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand token; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand scan" -l mode -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand scan" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand scan" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand scan" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand scan" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand scan" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand scan" -l stdin -d 'Read payloads from standard input, one a line (a scanner in a terminal); each outcome is printed once it is durably recorded'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand scan" -l json -d 'Print one JSON object'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand scan" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand checkin" -l badge -d 'The badge number, e.g. B-0001 (a check-in without the badge)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand checkin" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand checkin" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand checkin" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand checkin" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand checkin" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand checkin" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand release" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand release" -l area -d 'Everyone present in this holding area' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand release" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand release" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand release" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand release" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand release" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand release" -l all -d 'Everyone present'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand release" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand move" -l badge -d 'Badges to move, e.g. --badge B-0001 --badge B-0002' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand move" -l area -d 'The holding area to move them to' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand move" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand move" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand move" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand move" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand move" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand move" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l area -d 'Everyone present in this holding area' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l ndb -d 'A non-deductible breakfast rather than a meal'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l all -d 'Everyone present'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -l json -d 'The forecast as JSON'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand meal" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and not __fish_seen_subcommand_from add remove help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and not __fish_seen_subcommand_from add remove help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and not __fish_seen_subcommand_from add remove help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and not __fish_seen_subcommand_from add remove help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and not __fish_seen_subcommand_from add remove help" -f -a "add" -d 'Add a bump from the rules catalogue'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and not __fish_seen_subcommand_from add remove help" -f -a "remove" -d 'Remove the latest bump of that kind'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and not __fish_seen_subcommand_from add remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l kind -d 'wardrobe, smoke, wet, body_makeup, hair, own_car, props, formal_wear, police_uniform, hazard or other' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l count -d 'Wardrobe changes (default 1)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l amount -d 'Amount in dollars, for the kinds the production prices (wet, own_car, props, hazard, other)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l by -d 'Who approved or recorded it (kept in the log)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l kind -d 'wardrobe, smoke, wet, body_makeup, hair, own_car, props, formal_wear, police_uniform, hazard or other' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l count -d 'Wardrobe changes (default 1)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l amount -d 'Amount in dollars, for the kinds the production prices (wet, own_car, props, hazard, other)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l by -d 'Who approved or recorded it (kept in the log)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add a bump from the rules catalogue'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove the latest bump of that kind'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand bump; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l first -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l last -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l category -d 'general, special-ability, stand-in or photo-double' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l rate -d 'Day rate, e.g. 224 (default: the category\'s rate in the rules)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l call -d 'Call time (default: the --at time)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l union
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -l non-union
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand walkin" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -l field -d 'in, out, ndb_out, ndb_in, meal1_out, meal1_in, meal2_out or meal2_in' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -l to -d 'The right time: HH:MM, HH:MM+1 or YYYY-MM-DDTHH:MM' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -l reason -d 'Why (kept in the log)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand correct" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -l reason -d 'Why (kept in the log)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -l checkin -d 'Take back a check-in made by mistake'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -l release -d 'Take back a release made by mistake'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand undo" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand log" -l badge -d 'Only this badge\'s history' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand log" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand log" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand log" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand log" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand log" -l verify -d 'Check the hash chain; exit 1 if it is broken'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand log" -l aside -d 'List the events received that did not verify, kept aside'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand log" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l out -d 'The folder to write into (a mounted USB stick, say)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l format -d 'Which files: csv (vouchers and background count), xlsx, pdf' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l paper -d 'Paper of paper-vouchers-<date>.pdf (written when someone asked for a paper voucher): letter or a4' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l allow-open -d 'Export even with extras not released (listed as not_released, no amounts)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l allow-unsynced -d 'Export even while a kiosk may hold events the hub has not received'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -l allow-unapproved -d 'Export even with released vouchers not approved, on a day that requires approval'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand export" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and not __fish_seen_subcommand_from issue return list help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and not __fish_seen_subcommand_from issue return list help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and not __fish_seen_subcommand_from issue return list help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and not __fish_seen_subcommand_from issue return list help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and not __fish_seen_subcommand_from issue return list help" -f -a "issue" -d 'Hand an item to an extra'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and not __fish_seen_subcommand_from issue return list help" -f -a "return" -d 'Take an item back'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and not __fish_seen_subcommand_from issue return list help" -f -a "list" -d 'The day\'s items, or only those still out'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and not __fish_seen_subcommand_from issue return list help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l kind -d 'wardrobe, prop or other' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l what -d 'What it is, e.g. "Rifle (rubber)"' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l tag -d 'Its tag number, unique among items out' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l by -d 'Who handed it out (kept in the log)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from issue" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from return" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from return" -l tag -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from return" -l what -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from return" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from return" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from return" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from return" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from return" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from return" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from list" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from list" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from list" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from list" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from list" -l outstanding -d 'Only the items still out'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from list" -l json -d 'A JSON list of objects'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from help" -f -a "issue" -d 'Hand an item to an extra'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from help" -f -a "return" -d 'Take an item back'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from help" -f -a "list" -d 'The day\'s items, or only those still out'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand items; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and not __fish_seen_subcommand_from verify reject help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and not __fish_seen_subcommand_from verify reject help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and not __fish_seen_subcommand_from verify reject help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and not __fish_seen_subcommand_from verify reject help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and not __fish_seen_subcommand_from verify reject help" -f -a "verify" -d 'The PA inspected the documents: the extra may work'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and not __fish_seen_subcommand_from verify reject help" -f -a "reject" -d 'The documents are not in order (a note is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and not __fish_seen_subcommand_from verify reject help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from verify" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from verify" -l note -d 'What was seen or what is missing (kept in the log)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from verify" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from verify" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from verify" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from verify" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from verify" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from verify" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from reject" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from reject" -l note -d 'What was seen or what is missing (kept in the log)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from reject" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from reject" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from reject" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from reject" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from reject" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from reject" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from help" -f -a "verify" -d 'The PA inspected the documents: the extra may work'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from help" -f -a "reject" -d 'The documents are not in order (a note is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand paperwork; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -l to -d 'The union status they are paid under for the day: union' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -l reason -d 'Why (a line, a special business); kept in the log and on the voucher' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -l rate -d 'The union day rate (default: the union rules\' rate for the category)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand upgrade" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and not __fish_seen_subcommand_from file list accept reject help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and not __fish_seen_subcommand_from file list accept reject help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and not __fish_seen_subcommand_from file list accept reject help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and not __fish_seen_subcommand_from file list accept reject help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and not __fish_seen_subcommand_from file list accept reject help" -f -a "file" -d 'File a dispute for an extra: what is wrong, and what they say it was'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and not __fish_seen_subcommand_from file list accept reject help" -f -a "list" -d 'The day\'s disputes, open first'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and not __fish_seen_subcommand_from file list accept reject help" -f -a "accept" -d 'Accept a dispute: the change the extra asked for is made (a time, a meal, a bump)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and not __fish_seen_subcommand_from file list accept reject help" -f -a "reject" -d 'Reject a dispute, saying why (--note is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and not __fish_seen_subcommand_from file list accept reject help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l about -d 'in, out, ndb_out, ndb_in, meal1_out, meal1_in, meal2_out, meal2_in, bump or other' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l claimed -d 'The time the extra says: HH:MM, HH:MM+1 or YYYY-MM-DDTHH:MM (a time dispute)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l bump -d 'The bump that is missing (with --about bump)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l amount -d 'Its amount in dollars, for the kinds the production prices' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l words -d 'A few words (at most 140 characters)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from file" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from list" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from list" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from list" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from list" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from list" -l json -d 'Print a JSON array'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from accept" -l by -d 'Who decides (it goes on the record)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from accept" -l note -d 'What was done, or why not (required to reject, and to accept "other")' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from accept" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from accept" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from accept" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from accept" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from accept" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from accept" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from reject" -l by -d 'Who decides (it goes on the record)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from reject" -l note -d 'What was done, or why not (required to reject, and to accept "other")' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from reject" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from reject" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from reject" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from reject" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from reject" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from reject" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from help" -f -a "file" -d 'File a dispute for an extra: what is wrong, and what they say it was'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from help" -f -a "list" -d 'The day\'s disputes, open first'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from help" -f -a "accept" -d 'Accept a dispute: the change the extra asked for is made (a time, a meal, a bump)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from help" -f -a "reject" -d 'Reject a dispute, saying why (--note is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand dispute; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and not __fish_seen_subcommand_from paper review approve help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and not __fish_seen_subcommand_from paper review approve help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and not __fish_seen_subcommand_from paper review approve help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and not __fish_seen_subcommand_from paper review approve help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and not __fish_seen_subcommand_from paper review approve help" -f -a "paper" -d 'Record that an extra asked for a paper voucher (--off takes it back)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and not __fish_seen_subcommand_from paper review approve help" -f -a "review" -d 'The day\'s vouchers with what needs a look (blocking flags first) and their approval'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and not __fish_seen_subcommand_from paper review approve help" -f -a "approve" -d 'Approve one voucher (--badge) or every clean one (--clean) before payroll'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and not __fish_seen_subcommand_from paper review approve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from paper" -l badge -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from paper" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from paper" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from paper" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from paper" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from paper" -l off -d 'The extra takes the electronic voucher after all'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from paper" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from review" -l flag -d 'Only the vouchers with this flag (unsigned, disputed, ...)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from review" -l date -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from review" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from review" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from review" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from review" -l json -d 'Print a JSON array, one object per booking of the day'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from review" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -l badge -d 'The voucher of this badge' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -l by -d 'Who approves (it goes on the record)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -l note -d 'Why a voucher with a blocking flag is approved anyway ("left before signing")' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -l at -d 'HH:MM, HH:MM+1 (after midnight) or YYYY-MM-DDTHH:MM, local to the day (default: now)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -l date -d 'The day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -l clean -d 'Every released voucher with nothing blocking'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "paper" -d 'Record that an extra asked for a paper voucher (--off takes it back)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "review" -d 'The day\'s vouchers with what needs a look (blocking flags first) and their approval'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "approve" -d 'Approve one voucher (--badge) or every clean one (--clean) before payroll'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand voucher; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand purge" -l date -d 'The day whose contact details to remove' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand purge" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand purge" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand purge" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand purge" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and not __fish_seen_subcommand_from set help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and not __fish_seen_subcommand_from set help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and not __fish_seen_subcommand_from set help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and not __fish_seen_subcommand_from set help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and not __fish_seen_subcommand_from set help" -f -a "set" -d 'Set the PIN (read without echo, or from standard input)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and not __fish_seen_subcommand_from set help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and __fish_seen_subcommand_from set" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and __fish_seen_subcommand_from set" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and __fish_seen_subcommand_from set" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "set" -d 'Set the PIN (read without echo, or from standard input)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand pin; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand join" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand join" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand join" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand join" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosks" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosks" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosks" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand kiosks" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand sync" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand sync" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand sync" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand sync" -l follow -d 'With a hub: keep exchanging as events happen, until stopped'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand sync" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -f -a "init" -d 'Make URL this production\'s hub (on the lead): its schema, then every event'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -f -a "add-kiosk" -d 'Give kiosk ID (named by --name) a login on the hub (on the lead); prints the line to run on it'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -f -a "status" -d 'The production\'s kiosks: last seen, events held and behind, clock, conflicts'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -f -a "retire" -d 'Take a kiosk switched off for good out of the checks before export (on the lead)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -f -a "set" -d 'Sync with URL in the background whenever the kiosk app runs'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -f -a "unset" -d 'Stop syncing with a hub'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and not __fish_seen_subcommand_from init add-kiosk status retire set unset help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from init" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from init" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from init" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from add-kiosk" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from add-kiosk" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from add-kiosk" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from add-kiosk" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from status" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from status" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from status" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from status" -l json -d 'As JSON'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from retire" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from retire" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from retire" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from retire" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from set" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from set" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from set" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from set" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from unset" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from unset" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from unset" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from unset" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "init" -d 'Make URL this production\'s hub (on the lead): its schema, then every event'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "add-kiosk" -d 'Give kiosk ID (named by --name) a login on the hub (on the lead); prints the line to run on it'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "status" -d 'The production\'s kiosks: last seen, events held and behind, clock, conflicts'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "retire" -d 'Take a kiosk switched off for good out of the checks before export (on the lead)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "set" -d 'Sync with URL in the background whenever the kiosk app runs'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "unset" -d 'Stop syncing with a hub'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand hub; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand rejoin" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand rejoin" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand rejoin" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand rejoin" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and not __fish_seen_subcommand_from resolve help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and not __fish_seen_subcommand_from resolve help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and not __fish_seen_subcommand_from resolve help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and not __fish_seen_subcommand_from resolve help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and not __fish_seen_subcommand_from resolve help" -f -a "resolve" -d 'Mark a conflict between kiosks resolved, saying what was checked'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and not __fish_seen_subcommand_from resolve help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and __fish_seen_subcommand_from resolve" -l note -d 'What the PA checked and decided' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and __fish_seen_subcommand_from resolve" -l date -d 'The shoot day (default: the current day)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and __fish_seen_subcommand_from resolve" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and __fish_seen_subcommand_from resolve" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and __fish_seen_subcommand_from resolve" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and __fish_seen_subcommand_from resolve" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and __fish_seen_subcommand_from help" -f -a "resolve" -d 'Mark a conflict between kiosks resolved, saying what was checked'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand conflict; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand backup" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand backup" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand backup" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand backup" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand serve" -l listen -d 'The address and port to listen on (0.0.0.0:8443 for the set\'s network)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand serve" -l tls-cert -d 'The TLS certificate (PEM), with --tls-key' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand serve" -l tls-key -d 'The certificate\'s private key (PEM), with --tls-cert' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand serve" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand serve" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand serve" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand serve" -l tls-self-signed -d 'Make a certificate for this machine\'s names and addresses (kept beside the database) and print its fingerprint'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand serve" -l insecure-http -d 'Serve plain HTTP on an address other than loopback (passwords cross the network in the clear: a network of your own only)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand serve" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and not __fish_seen_subcommand_from user help" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and not __fish_seen_subcommand_from user help" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and not __fish_seen_subcommand_from user help" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and not __fish_seen_subcommand_from user help" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and not __fish_seen_subcommand_from user help" -f -a "user" -d 'The people who may sign in to the web app (local to this kiosk)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and not __fish_seen_subcommand_from user help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from user" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from user" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from user" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from user" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from user" -f -a "add" -d 'Add someone: viewer (dashboard, roster), supervisor (everything), payroll (review, exports)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from user" -f -a "list" -d 'The web users and their roles'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from user" -f -a "remove" -d 'Remove someone (their sessions end)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from user" -f -a "password" -d 'Give someone a new password (their sessions end)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from user" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from help" -f -a "user" -d 'The people who may sign in to the web app (local to this kiosk)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand web; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand completions" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand completions" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand completions" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand completions" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand manual" -l db -d 'The production database (default: the platform data dir, e.g. ~/.local/share/extras-kiosk/kiosk.db)' -r -F
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand manual" -l kiosk -d 'This kiosk\'s id, given when its database is made (default: a short generated id); a database is one kiosk, so another id is refused' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand manual" -l name -d 'This kiosk\'s display name, e.g. "Base camp" (kept with its id)' -r
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand manual" -s h -l help -d 'Print help'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "kiosk" -d 'Open the touchscreen kiosk (fullscreen; leaving it needs the PIN)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "day" -d 'Create or select the shoot day'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "import" -d 'Import the day\'s skin (CSV or XLSX); all rows or none'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "areas" -d 'Define and list holding areas'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "status" -d 'The day at a glance: booked, arrived, late, missing, in holding, released'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "badges" -d 'Write badges: one PNG each, or a PDF sheet (and print it)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "badge" -d 'Reissue or void one badge'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "token" -d 'Check a scanned badge payload'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "scan" -d 'Record a scanned badge (check-in or check-out)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "checkin" -d 'Check in an extra without their badge'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "release" -d 'Release one extra, a holding area, or everyone present'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "move" -d 'Move checked-in extras to another holding area'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "meal" -d 'Start or end a meal (or an NDB with --ndb) for one extra, an area, or everyone present'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "bump" -d 'Add or remove a bump (wardrobe, smoke, wet, ...) for one extra'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "walkin" -d 'Add a walk-in: someone not on the skin, with a badge of their own'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "correct" -d 'Correct a recorded time (a reason is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "undo" -d 'Take back a check-in or a release made by mistake (a reason is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "log" -d 'Print the history of the day (or of one badge); --verify checks the hash chain'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "export" -d 'Write the vouchers (CSV, XLSX, PDF) and the background count for wrap'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "items" -d 'Wardrobe and props handed to extras, and back'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "paperwork" -d 'Start paperwork (I-9 and the rest): verified or rejected by the PA'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "upgrade" -d 'Pay a non-union extra as union for the day (a line, a special business)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "dispute" -d 'An extra\'s dispute of their voucher: file it, list them, accept or reject one'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "voucher" -d 'Vouchers: reviewed and approved before payroll, or on paper for an extra who asks'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "purge" -d 'Remove the day\'s phone numbers and emails once its vouchers are exported'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "pin" -d 'The supervisor PIN'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "join" -d 'Make --db a new kiosk of the production in SOURCE (give --kiosk ID, and --name)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "kiosks" -d 'The production\'s kiosks this database knows, with their walk-in badge ranges'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "sync" -d 'Exchange events with another kiosk\'s database, a carry file (made when FILE is new), or the hub'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "hub" -d 'The production\'s PostgreSQL hub, on the set\'s own network'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "rejoin" -d 'A database restored from a backup continues as a new kiosk (give --kiosk NEWID)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "conflict" -d 'Conflicts between kiosks (listed by status)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "backup" -d 'Copy the live database consistently (do it at lunch and at wrap)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "serve" -d 'Serve the web app (dashboard, roster, review, wrap) on this kiosk\'s file'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "web" -d 'The web app\'s people: `web user add|list|remove|password`'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "completions" -d 'Print the shell completion script (bash, zsh or fish) to standard output'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "manual" -d 'Print the manual page (roff) to standard output: `extras-kiosk manual | man -l -`'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and not __fish_seen_subcommand_from kiosk day import areas status badges badge token scan checkin release move meal bump walkin correct undo log export items paperwork upgrade dispute voucher purge pin join kiosks sync hub rejoin conflict backup serve web completions manual help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from day" -f -a "open" -d 'Create the day, or select it as the current day (and update the fields given)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from day" -f -a "rules" -d 'Name the rules files the day pays by (default: the shipped ones); prints the rules in effect'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from day" -f -a "union-required" -d 'Set the union background the day must have present (`none` clears it); the console\'s dashboard shows who is present against it'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from day" -f -a "require-approval" -d 'Whether released vouchers must be approved before `export` (default no)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from areas" -f -a "add" -d 'Add a holding area'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from areas" -f -a "import" -d 'Add every area of a CSV file (name,capacity,location,union,categories)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from areas" -f -a "list" -d 'List the day\'s holding areas in their order'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from badge" -f -a "reissue" -d 'Issue a badge again: the old printout is refused as voided'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from badge" -f -a "void" -d 'Void a badge: every printout is refused until it is reissued'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from token" -f -a "verify" -d 'Print what the kiosk would make of a scanned payload'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from bump" -f -a "add" -d 'Add a bump from the rules catalogue'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from bump" -f -a "remove" -d 'Remove the latest bump of that kind'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from items" -f -a "issue" -d 'Hand an item to an extra'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from items" -f -a "return" -d 'Take an item back'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from items" -f -a "list" -d 'The day\'s items, or only those still out'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from paperwork" -f -a "verify" -d 'The PA inspected the documents: the extra may work'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from paperwork" -f -a "reject" -d 'The documents are not in order (a note is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from dispute" -f -a "file" -d 'File a dispute for an extra: what is wrong, and what they say it was'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from dispute" -f -a "list" -d 'The day\'s disputes, open first'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from dispute" -f -a "accept" -d 'Accept a dispute: the change the extra asked for is made (a time, a meal, a bump)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from dispute" -f -a "reject" -d 'Reject a dispute, saying why (--note is required)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "paper" -d 'Record that an extra asked for a paper voucher (--off takes it back)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "review" -d 'The day\'s vouchers with what needs a look (blocking flags first) and their approval'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from voucher" -f -a "approve" -d 'Approve one voucher (--badge) or every clean one (--clean) before payroll'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from pin" -f -a "set" -d 'Set the PIN (read without echo, or from standard input)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "init" -d 'Make URL this production\'s hub (on the lead): its schema, then every event'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "add-kiosk" -d 'Give kiosk ID (named by --name) a login on the hub (on the lead); prints the line to run on it'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "status" -d 'The production\'s kiosks: last seen, events held and behind, clock, conflicts'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "retire" -d 'Take a kiosk switched off for good out of the checks before export (on the lead)'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "set" -d 'Sync with URL in the background whenever the kiosk app runs'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from hub" -f -a "unset" -d 'Stop syncing with a hub'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from conflict" -f -a "resolve" -d 'Mark a conflict between kiosks resolved, saying what was checked'
complete -c extras-kiosk -n "__fish_extras_kiosk_using_subcommand help; and __fish_seen_subcommand_from web" -f -a "user" -d 'The people who may sign in to the web app (local to this kiosk)'
