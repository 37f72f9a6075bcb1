# bash completion for swr-shell 0.1.0, from `swr-shell completion bash`.
# Put it in ~/.local/share/bash-completion/completions/swr-shell, or source it
# from ~/.bashrc. A tab press runs no process; region IDs are built in, and
# profile names are read from ${XDG_CONFIG_HOME:-~/.config}/swr-shell/.

# _swr_shell_add CURRENT WORD...: adds the words that start with CURRENT to COMPREPLY.
_swr_shell_add() {
    \builtin local current=$1 word
    \builtin shift
    for word in "$@"; do
        if [[ $word == "$current"* ]]; then
            COMPREPLY+=("$word")
        fi
    done
    \builtin return 0
}

# _swr_shell_profiles CURRENT: the profile names that start with CURRENT.
_swr_shell_profiles() {
    \builtin local directory file name pattern='^[ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789][ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-]{0,63}$' nullglob=-u failglob=-u
    \builtin local -a files
    if [[ ${XDG_CONFIG_HOME:-} == /* ]]; then
        directory=$XDG_CONFIG_HOME/swr-shell
    else
        directory=${HOME:-}/.config/swr-shell
    fi
    # Glob without the user's failglob, and to nothing when nothing matches.
    \builtin shopt -q nullglob && nullglob=-s
    \builtin shopt -q failglob && failglob=-s
    \builtin shopt -s nullglob
    \builtin shopt -u failglob
    files=("$directory/$1"*.conf)
    \builtin shopt "$nullglob" nullglob
    \builtin shopt "$failglob" failglob
    for file in "${files[@]}"; do
        name=${file##*/}
        name=${name%.conf}
        if [[ -f $file && $name =~ $pattern ]]; then
            COMPREPLY+=("$name")
        fi
    done
    \builtin return 0
}

# _swr_shell_files CURRENT: file names, as bash completes them.
_swr_shell_files() {
    \builtin local file
    while IFS= \builtin read -r file; do
        COMPREPLY+=("$file")
    done < <(\builtin compgen -f -- "$1" || \builtin true)
    # Quote the names and mark directories; bash 3.2 has no compopt.
    \builtin compopt -o filenames 2>/dev/null
    \builtin return 0
}

# _swr_shell_values KIND CURRENT: the values of that kind (words: the caller's
# words) that start with CURRENT.
_swr_shell_values() {
    case $1 in
    regions) _swr_shell_add "$2" af-north-1 af-south-1 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5 ae-ad-1 cn-east-2 cn-east-3 cn-east-4 cn-east-5 cn-north-1 cn-north-2 cn-north-4 cn-north-9 cn-north-11 cn-north-12 cn-south-1 cn-south-2 cn-south-4 cn-southwest-2 cn-southwest-3 eu-west-0 eu-west-101 la-north-2 la-south-2 me-east-1 my-kualalumpur-1 na-mexico-1 ru-moscow-1 ru-northwest-2 sa-brazil-1 sa-peru-1 tr-west-1 ;;
    profiles) _swr_shell_profiles "$2" ;;
    files) _swr_shell_files "$2" ;;
    words) _swr_shell_add "$2" "${words[@]}" ;;
    *) ;;
    esac
    \builtin return 0
}

# _swr_shell_option COMMAND OPTION: sets the caller's kind (and words) to what
# the option takes; fails for an option that takes no value.
_swr_shell_option() {
    case "$1 $2" in
    'init --cmd') kind=none ;;
    'init --profile') kind=profiles ;;
    'configure --profile') kind=profiles ;;
    'configure --region') kind=regions ;;
    'configure --project') kind=none ;;
    'configure --org') kind=none ;;
    'configure --registry') kind=none ;;
    'configure --ak') kind=none ;;
    'configure --credentials') kind=files ;;
    'profiles --remove') kind=profiles ;;
    'check --profile') kind=profiles ;;
    'check --timeout') kind=none ;;
    'login-key --profile') kind=profiles ;;
    'login-key --ak') kind=none ;;
    'login-key --credentials') kind=files ;;
    'env --profile') kind=profiles ;;
    'env --format') kind=words words=(dotenv sh fish json) ;;
    'env --output') kind=files ;;
    'docker-config --profile') kind=profiles ;;
    'k8s-secret --profile') kind=profiles ;;
    'k8s-secret --name') kind=none ;;
    'k8s-secret --namespace') kind=none ;;
    'containerd-config --profile') kind=profiles ;;
    'containerd-config --config-version') kind=none ;;
    'kubelet-config --profile') kind=profiles ;;
    'kubelet-config --config-home') kind=none ;;
    'kubelet-config --cache-duration') kind=none ;;
    'doctor --profile') kind=profiles ;;
    'install --mode') kind=none ;;
    'install --cmd') kind=none ;;
    'install --profile') kind=profiles ;;
    *) \builtin return 1 ;;
    esac
}

# _swr_shell_argument COMMAND INDEX: sets the caller's kind (and words) to what
# the command's argument at INDEX (from 0) takes; fails when it takes no more.
_swr_shell_argument() {
    case "$1 $2" in
    'init 0') kind=words words=(bash zsh fish) ;;
    'login 0') kind=words words=(docker podman nerdctl) ;;
    'login '*) kind=none ;;
    'install '*) kind=words words=(bash zsh fish) ;;
    'uninstall '*) kind=words words=(bash zsh fish) ;;
    'completion 0') kind=words words=(bash zsh fish) ;;
    *) \builtin return 1 ;;
    esac
}

# _swr_shell_flags COMMAND CURRENT: the command's flags that start with CURRENT.
_swr_shell_flags() {
    case $1 in
    init) _swr_shell_add "$2" --cmd --profile --help -h --version -v ;;
    configure) _swr_shell_add "$2" --profile --region --project --org --registry --ak --credentials --sk-stdin --help -h --version -v ;;
    profiles) _swr_shell_add "$2" --json --remove --help -h --version -v ;;
    check) _swr_shell_add "$2" --profile --timeout --help -h --version -v ;;
    login-key) _swr_shell_add "$2" --profile --ak --credentials --sk-stdin --help -h --version -v ;;
    login) _swr_shell_add "$2" --help -h --version -v ;;
    env) _swr_shell_add "$2" --profile --format --no-secret --output --help -h --version -v ;;
    regions) _swr_shell_add "$2" --json --help -h --version -v ;;
    docker-config) _swr_shell_add "$2" --profile --dry-run --remove --help -h --version -v ;;
    k8s-secret) _swr_shell_add "$2" --profile --name --namespace --help -h --version -v ;;
    containerd-config) _swr_shell_add "$2" --profile --config-version --help -h --version -v ;;
    kubelet-config) _swr_shell_add "$2" --profile --config-home --cache-duration --help -h --version -v ;;
    doctor) _swr_shell_add "$2" --profile --help -h --version -v ;;
    install) _swr_shell_add "$2" --dry-run --mode --cmd --profile --help -h --version -v ;;
    uninstall) _swr_shell_add "$2" --dry-run --help -h --version -v ;;
    completion) _swr_shell_add "$2" --help -h --version -v ;;
    *) ;;
    esac
}

_swr_shell() {
    \builtin local current=${COMP_WORDS[COMP_CWORD]} previous='' option='' command='' word kind i arguments=0
    \builtin local -a words
    COMPREPLY=()
    if ((COMP_CWORD > 0)); then
        previous=${COMP_WORDS[COMP_CWORD - 1]}
    fi
    # bash splits --option=value at "=" (COMP_WORDBREAKS): complete the value.
    if [[ $current == = ]]; then
        current='' option=$previous
    elif [[ $previous == = ]] && ((COMP_CWORD > 1)); then
        option=${COMP_WORDS[COMP_CWORD - 2]}
    elif [[ $previous == -* ]]; then
        option=$previous
    fi
    # The command is the first word that is not a flag; then count its
    # arguments, passing over the values of options.
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        if [[ -z $command ]]; then
            [[ $word == -* ]] || command=$word
        elif [[ $word == = ]]; then
            i=$((i + 1))
        elif [[ $word == -* ]]; then
            if _swr_shell_option "$command" "$word" && [[ ${COMP_WORDS[i + 1]:-} != = ]]; then
                i=$((i + 1))
            fi
        else
            arguments=$((arguments + 1))
        fi
    done
    if [[ -z $command ]]; then
        if [[ $current == -* ]]; then
            _swr_shell_add "$current" --help -h --version -v
        else
            _swr_shell_add "$current" init configure profiles check login-key login env regions docker-config k8s-secret containerd-config kubelet-config doctor install uninstall completion
        fi
    elif [[ -n $option ]] && _swr_shell_option "$command" "$option"; then
        _swr_shell_values "$kind" "$current"
    elif [[ $current != -* ]] && _swr_shell_argument "$command" "$arguments"; then
        _swr_shell_values "$kind" "$current"
    else
        _swr_shell_flags "$command" "$current"
    fi
    \builtin return 0
}

\builtin complete -F _swr_shell swr-shell
