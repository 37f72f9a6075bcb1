# zsh -f zsh-complete.zsh SETUP LINE...: what a real zsh completes for each
# LINE, as if TAB were pressed at its end. An interactive zsh runs in a pseudo
# terminal (zpty; zle needs one), sources SETUP (which loads compinit and the
# scripts under test), then gets each line and a TAB. A widget around
# _main_complete records every match that compadd accepts, with the text
# listed for it (descriptions, from _describe's -d array), and prints them
# between \x02 and \x03. For each line this prints the matches, one
# "MATCH<TAB>LISTED" a line, then a line of \x1e.
zmodload zsh/zpty || exit 1
setup=$1
shift
zpty -b swr_test 'zsh -f -i'
zpty -w swr_test "setopt interactive_comments; PS1='' PS2='' RPS1=''; source ${(q)setup}"
zpty -w swr_test "$(<<'ZSH'
compadd() {
    local -a __added __words __listed
    local __i __listing='' __array='' __match __index
    for ((__i = 1; __i < $#; __i++)); do
        case ${@[__i]} in
        # These only compute matches into an array: nothing is offered.
        -O | -A | -D) builtin compadd "$@"; return ;;
        -d) __listing=${@[__i + 1]} ;;
        -a) __array=${@[__i + 1]} ;;
        esac
    done
    builtin compadd -O __added "$@"
    if [[ -n $__listing && -n $__array ]]; then
        __words=("${(@P)__array}")
        __listed=("${(@P)__listing}")
    fi
    for __match in "${__added[@]}"; do
        __index=${__words[(ie)$__match]}
        (( ${+__swr_test_listed[$__match]} )) || __swr_test_order+=("$__match")
        [[ -n ${__swr_test_listed[$__match]:-} ]] || __swr_test_listed[$__match]=${__listed[__index]:-}
    done
    builtin compadd "$@"
}
__swr_test_complete() {
    typeset -gA __swr_test_listed=()
    typeset -ga __swr_test_order=()
    _main_complete
    compstate[list]=''
    compstate[insert]=''
    local __match
    print -rn -- $'\x02'
    for __match in "${__swr_test_order[@]}"; do
        print -r -- "$__match"$'\t'"${__swr_test_listed[$__match]}"
    done
    print -rn -- $'\x03'
}
zle -C __swr_test_complete .complete-word __swr_test_complete
bindkey '^I' __swr_test_complete
print -r -- $'\x02ready\x03'
ZSH
)"
zpty -r swr_test output $'*\x02ready\x03' || exit 1
for line in "$@"; do
    zpty -w -n swr_test "$line"$'\t'
    zpty -r swr_test output $'*\x03' || exit 1
    output=${output##*$'\x02'}
    output=${output%$'\x03'}
    print -rn -- "${output//$'\r'/}"
    print -r -- $'\x1e'
    # Clear the line for the next one.
    zpty -w -n swr_test $'\x15'
done
zpty -d swr_test
