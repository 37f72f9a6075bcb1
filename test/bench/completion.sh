#!/usr/bin/env bash
# What a tab press costs with the scripts of completions/, in bash, zsh and fish
# (target: under 20 ms each). Timed inside each shell, so that starting the
# shell is not counted:
#   first tab: in a new shell, loading the script (bash: source; zsh: autoload
#              from fpath after compinit; fish: autoload from
#              fish_complete_path) and completing; the median of 10 shells;
#   later tab: the mean of 100 rounds over the lines below, in one shell.
# zsh is timed around _main_complete in a real completion widget (zpty).
# Usage: bash test/bench/completion.sh (after npm run build).
set -euo pipefail
cd "$(dirname "$0")/../.."
completions=$PWD/completions

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# fish loads completions only for commands that exist: a stand-in, never run.
mkdir -p "$scratch/bin" "$scratch/config/swr-shell"
printf '#!/bin/sh\nexit 1\n' >"$scratch/bin/swr-shell"
chmod +x "$scratch/bin/swr-shell"
touch "$scratch/config/swr-shell/"{default,work,staging}.conf
export PATH="$scratch/bin:$PATH" HOME=$scratch XDG_CONFIG_HOME=$scratch/config

lines=(
    'swr-shell '
    'swr-shell configure --'
    'swr-shell configure --region cn-north-'
    'swr-shell env --profile '
    'swr-shell init '
)
rounds=100
shells=10

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

bash_tab() {
    # $1: rounds (0: source the script and press tab once, in this new shell)
    bash --noprofile --norc -c '
        tab() {
            COMP_LINE=$1 COMP_POINT=${#1}
            read -ra COMP_WORDS <<<"$1"
            [[ $1 == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) COMPREPLY=()
            _swr_shell swr-shell "${COMP_WORDS[COMP_CWORD]}" ""
        }
        rounds=$1 completions=$2
        shift 2
        start=$EPOCHREALTIME
        source "$completions/swr-shell.bash"
        if ((rounds == 0)); then
            tab "$1"
        else
            start=$EPOCHREALTIME
            for ((i = 0; i < rounds; i++)); do
                for line; do tab "$line"; done
            done
        fi
        end=$EPOCHREALTIME
        count=$((rounds > 0 ? rounds * $# : 1))
        awk -v start="$start" -v end="$end" -v count="$count" "BEGIN { print (end - start) * 1000 / count }"
    ' bash "$1" "$completions" "${lines[@]}"
}

zsh_tab() {
    # $1: rounds (0: the first tab of a new shell)
    zsh -f -c '
        zmodload zsh/zpty
        rounds=$1 completions=$2
        shift 2
        zpty -b bench "zsh -f -i"
        zpty -w bench "PS1=\"\"; fpath=($completions \$fpath); autoload -Uz compinit && compinit -D -u; zmodload zsh/datetime"
        zpty -w bench "__bench() { local t0=\$EPOCHREALTIME; _main_complete; compstate[list]=\"\"; compstate[insert]=\"\"; print -rn -- \$'"'"'\\x02'"'"'\$(( (EPOCHREALTIME - t0) * 1000 ))\$'"'"'\\x03'"'"'; }"
        zpty -w bench "zle -C __bench .complete-word __bench; bindkey \"^I\" __bench; print -r -- \$'"'"'\\x02ready\\x03'"'"'"
        zpty -r bench out $'"'"'*\x02ready\x03'"'"'
        total=0 count=0
        for ((i = 0; i < (rounds > 0 ? rounds : 1); i++)); do
            for line; do
                zpty -w -n bench "$line"$'"'"'\t'"'"'
                zpty -r bench out $'"'"'*\x03'"'"'
                out=${out##*$'"'"'\x02'"'"'}
                total=$((total + ${out%$'"'"'\x03'"'"'})) count=$((count + 1))
                zpty -w -n bench $'"'"'\x15'"'"'
                ((rounds > 0)) || break 2
            done
        done
        zpty -d bench
        print -- $((total / count))
    ' zsh "$1" "$completions" "${lines[@]}"
}

# shellcheck disable=SC2016 # fish code, expanded by fish
fish_tab() {
    # $1: rounds (0: the first tab of a new shell)
    fish --no-config --private -c '
        set -l rounds $argv[1]
        set fish_complete_path $argv[2] $fish_complete_path
        set -l lines $argv[3..-1]
        set -l count 1
        set -l start (date +%s%N)
        if test $rounds -eq 0
            complete -C $lines[1] >/dev/null
        else
            complete -C $lines[1] >/dev/null
            set start (date +%s%N)
            for i in (seq $rounds)
                for line in $lines
                    complete -C $line >/dev/null
                end
            end
            set count (math $rounds \* (count $lines))
        end
        set -l end (date +%s%N)
        math "($end - $start) / 1000000 / $count"
    ' "$1" "$completions" "${lines[@]}"
}

printf '%-6s %16s %16s %10s\n' shell 'first tab (ms)' 'later tab (ms)' target
for shell in bash zsh fish; do
    first=$(for ((n = 0; n < shells; n++)); do "${shell}_tab" 0; done | median)
    later=$("${shell}_tab" "$rounds")
    printf '%-6s %16.2f %16.2f %10s\n' "$shell" "$first" "$later" '< 20'
done
