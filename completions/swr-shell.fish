# fish completion for swr-shell 0.1.0, from `swr-shell completion fish`.
# Put it in ~/.config/fish/completions/swr-shell.fish (swr-shell install does).
# A tab press runs no process; region IDs are built in, and profile names are
# read from ${XDG_CONFIG_HOME:-~/.config}/swr-shell/.

# The regions that serve SWR, with their names.
function __swr_shell_regions
    builtin printf '%s\n' 'af-north-1	AF-Cairo'
    builtin printf '%s\n' 'af-south-1	AF-Johannesburg'
    builtin printf '%s\n' 'ap-southeast-1	CN-Hong Kong'
    builtin printf '%s\n' 'ap-southeast-2	AP-Bangkok'
    builtin printf '%s\n' 'ap-southeast-3	AP-Singapore'
    builtin printf '%s\n' 'ap-southeast-4	AP-Jakarta'
    builtin printf '%s\n' 'ap-southeast-5	AP-Manila'
    builtin printf '%s\n' 'ae-ad-1	'
    builtin printf '%s\n' 'cn-east-2	CN East-Shanghai2'
    builtin printf '%s\n' 'cn-east-3	CN East-Shanghai1'
    builtin printf '%s\n' 'cn-east-4	CN East2'
    builtin printf '%s\n' 'cn-east-5	CN East-Qingdao'
    builtin printf '%s\n' 'cn-north-1	CN North-Beijing1'
    builtin printf '%s\n' 'cn-north-2	CN North-Beijing2'
    builtin printf '%s\n' 'cn-north-4	CN North-Beijing4'
    builtin printf '%s\n' 'cn-north-9	CN North-Ulanqab1'
    builtin printf '%s\n' 'cn-north-11	'
    builtin printf '%s\n' 'cn-north-12	CN North3'
    builtin printf '%s\n' 'cn-south-1	CN South-Guangzhou'
    builtin printf '%s\n' 'cn-south-2	CN South-Shenzhen'
    builtin printf '%s\n' 'cn-south-4	CN South-Guangzhou-InvitationOnly'
    builtin printf '%s\n' 'cn-southwest-2	CN Southwest-Guiyang1'
    builtin printf '%s\n' 'cn-southwest-3	'
    builtin printf '%s\n' 'eu-west-0	EU-Paris'
    builtin printf '%s\n' 'eu-west-101	EU-Dublin'
    builtin printf '%s\n' 'la-north-2	LA-Mexico City2'
    builtin printf '%s\n' 'la-south-2	LA-Santiago'
    builtin printf '%s\n' 'me-east-1	ME-Riyadh'
    builtin printf '%s\n' 'my-kualalumpur-1	'
    builtin printf '%s\n' 'na-mexico-1	LA-Mexico City1'
    builtin printf '%s\n' 'ru-moscow-1	'
    builtin printf '%s\n' 'ru-northwest-2	RU-Moscow2'
    builtin printf '%s\n' 'sa-brazil-1	LA-Sao Paulo1'
    builtin printf '%s\n' 'sa-peru-1	LA-Lima1'
    builtin printf '%s\n' 'tr-west-1	TR-Istanbul'
end

# The profiles in the profile directory.
function __swr_shell_profiles
    set -l directory "$HOME/.config/swr-shell"
    string match -q -- '/*' "$XDG_CONFIG_HOME"; and set directory "$XDG_CONFIG_HOME/swr-shell"
    for file in $directory/*.conf
        set -l name (string replace -r '^.*/(.*)\.conf$' '$1' -- $file)
        test -f $file; and string match -rq -- '^[ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789][ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-]{0,63}$' $name; and builtin printf '%s\n' $name
    end
end

# __swr_shell_arguments COMMAND: how many arguments the command has been given,
# passing over flags and the values of the options that take one.
function __swr_shell_arguments
    set -l words (commandline -opc)
    set -e words[1]
    set -l count 0
    set -l seen_command 0
    set -l skip 0
    for word in $words
        if test $skip -eq 1
            set skip 0
        else if string match -q -- '-*' $word
            if string match -q -- '*=*' $word
                continue
            end
            switch "$argv[1] $word"
                case 'init --cmd' 'init --profile'
                    set skip 1
                case 'configure --profile' 'configure --region' 'configure --project' 'configure --org' 'configure --registry' 'configure --ak' 'configure --credentials'
                    set skip 1
                case 'profiles --remove'
                    set skip 1
                case 'check --profile' 'check --timeout'
                    set skip 1
                case 'login-key --profile' 'login-key --ak' 'login-key --credentials'
                    set skip 1
                case 'env --profile' 'env --format' 'env --output'
                    set skip 1
                case 'docker-config --profile'
                    set skip 1
                case 'k8s-secret --profile' 'k8s-secret --name' 'k8s-secret --namespace'
                    set skip 1
                case 'containerd-config --profile' 'containerd-config --config-version'
                    set skip 1
                case 'kubelet-config --profile' 'kubelet-config --config-home' 'kubelet-config --cache-duration'
                    set skip 1
                case 'doctor --profile'
                    set skip 1
                case 'install --mode' 'install --cmd' 'install --profile'
                    set skip 1
            end
        else if test $seen_command -eq 0
            set seen_command 1
        else
            set count (math $count + 1)
        end
    end
    builtin printf '%s\n' $count
end

complete -c swr-shell -e
complete -c swr-shell -f
complete -c swr-shell -n __fish_use_subcommand -l help -s h -d 'Show help'
complete -c swr-shell -n __fish_use_subcommand -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a init -d 'print the shell plugin (eval "$(swr-shell init bash)")'
complete -c swr-shell -n '__fish_seen_subcommand_from init' -l cmd -x -d 'prefix of the function names (default: swr)'
complete -c swr-shell -n '__fish_seen_subcommand_from init' -l profile -x -a '(__swr_shell_profiles)' -d 'pin the functions to this profile'
complete -c swr-shell -n '__fish_seen_subcommand_from init' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from init' -l version -s v -d 'Show version number'
complete -c swr-shell -n '__fish_seen_subcommand_from init; and test (__swr_shell_arguments init) -eq 0' -a 'bash zsh fish' -d 'bash, zsh, fish or sh (default: the calling shell)'

complete -c swr-shell -n __fish_use_subcommand -a configure -d 'write a profile: region, project, organization and the login key derived from the AK/SK'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l profile -x -a '(__swr_shell_profiles)' -d 'profile to write (default: $SWR_PROFILE or "default")'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l region -x -a '(__swr_shell_regions)' -d 'region ID, such as ap-southeast-3 (see swr-shell regions)'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l project -x -d 'IAM project: the region ID itself (default), or REGION_SUBPROJECT for a sub-project (ap-southeast-3_dev)'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l org -x -d 'SWR organization used for short image names ("" clears it)'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l registry -x -d 'registry host, for partner clouds ("" clears it)'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l ak -x -d 'access key ID (default: from the credentials file or HUAWEICLOUD_SDK_AK)'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l credentials -r -F -d 'credentials.csv downloaded from the console'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l sk-stdin -d 'read the secret key from standard input'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from configure' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a profiles -d 'list the profiles (region, registry, user, organization; never a key), or remove one'
complete -c swr-shell -n '__fish_seen_subcommand_from profiles' -l json -d 'print JSON'
complete -c swr-shell -n '__fish_seen_subcommand_from profiles' -l remove -x -a '(__swr_shell_profiles)' -d 'delete this profile (its file and the login key in it)'
complete -c swr-shell -n '__fish_seen_subcommand_from profiles' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from profiles' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a check -d 'ask the registry whether it accepts the user and login key (as docker login would); stores nothing'
complete -c swr-shell -n '__fish_seen_subcommand_from check' -l profile -x -a '(__swr_shell_profiles)' -d 'profile to check (default: $SWR_PROFILE or "default")'
complete -c swr-shell -n '__fish_seen_subcommand_from check' -l timeout -x -d 'seconds to wait for each answer (default: 10)'
complete -c swr-shell -n '__fish_seen_subcommand_from check' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from check' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a login-key -d 'print the SWR login key derived from an AK/SK pair, or the profile\'s stored key'
complete -c swr-shell -n '__fish_seen_subcommand_from login-key' -l profile -x -a '(__swr_shell_profiles)' -d 'profile whose key to print when no SK is given (default: $SWR_PROFILE or "default")'
complete -c swr-shell -n '__fish_seen_subcommand_from login-key' -l ak -x -d 'access key ID (default: from the credentials file or HUAWEICLOUD_SDK_AK)'
complete -c swr-shell -n '__fish_seen_subcommand_from login-key' -l credentials -r -F -d 'credentials.csv downloaded from the console'
complete -c swr-shell -n '__fish_seen_subcommand_from login-key' -l sk-stdin -d 'read the secret key from standard input'
complete -c swr-shell -n '__fish_seen_subcommand_from login-key' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from login-key' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a login -d 'log docker, podman or nerdctl in to SWR, the key on its standard input (for scripts and CI)'
complete -c swr-shell -n '__fish_seen_subcommand_from login' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from login' -l version -s v -d 'Show version number'
complete -c swr-shell -n '__fish_seen_subcommand_from login; and test (__swr_shell_arguments login) -eq 0' -a 'docker podman nerdctl' -d 'the client to log in (default: $SWR_RUNTIME, else docker)'
complete -c swr-shell -n '__fish_seen_subcommand_from login; and test (__swr_shell_arguments login) -ge 1' -d 'the client\'s own login options, passed on as they are'

complete -c swr-shell -n __fish_use_subcommand -a env -d 'print the settings as a .env snippet for docker compose, direnv and CI'
complete -c swr-shell -n '__fish_seen_subcommand_from env' -l profile -x -a '(__swr_shell_profiles)' -d 'profile to read (default: $SWR_PROFILE or "default")'
complete -c swr-shell -n '__fish_seen_subcommand_from env' -l format -x -a 'dotenv sh fish json' -d 'dotenv (default), sh, fish or json'
complete -c swr-shell -n '__fish_seen_subcommand_from env' -l no-secret -d 'include SWR_LOGIN_KEY (--no-secret leaves it out)'
complete -c swr-shell -n '__fish_seen_subcommand_from env' -l output -r -F -d 'write to this file (mode 0600) instead of standard output'
complete -c swr-shell -n '__fish_seen_subcommand_from env' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from env' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a regions -d 'list the regions that serve SWR, with their registry hosts'
complete -c swr-shell -n '__fish_seen_subcommand_from regions' -l json -d 'print JSON'
complete -c swr-shell -n '__fish_seen_subcommand_from regions' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from regions' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a docker-config -d 'make docker use docker-credential-swr for the SWR registry (credHelpers in config.json)'
complete -c swr-shell -n '__fish_seen_subcommand_from docker-config' -l profile -x -a '(__swr_shell_profiles)' -d 'profile whose registry to add (default: $SWR_PROFILE or "default")'
complete -c swr-shell -n '__fish_seen_subcommand_from docker-config' -l dry-run -d 'print the resulting config.json (stored secrets hidden) instead of writing it'
complete -c swr-shell -n '__fish_seen_subcommand_from docker-config' -l remove -d 'take the entry out again'
complete -c swr-shell -n '__fish_seen_subcommand_from docker-config' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from docker-config' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a k8s-secret -d 'print a Kubernetes image pull secret (kubernetes.io/dockerconfigjson) for the SWR registry'
complete -c swr-shell -n '__fish_seen_subcommand_from k8s-secret' -l profile -x -a '(__swr_shell_profiles)' -d 'profile to use (default: $SWR_PROFILE or "default")'
complete -c swr-shell -n '__fish_seen_subcommand_from k8s-secret' -l name -x -d 'name of the secret (default: swr-pull-secret)'
complete -c swr-shell -n '__fish_seen_subcommand_from k8s-secret' -l namespace -x -d 'namespace of the secret (default: kubectl\'s)'
complete -c swr-shell -n '__fish_seen_subcommand_from k8s-secret' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from k8s-secret' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a containerd-config -d 'print containerd\'s CRI registry credentials for the SWR registry (config.toml snippet)'
complete -c swr-shell -n '__fish_seen_subcommand_from containerd-config' -l profile -x -a '(__swr_shell_profiles)' -d 'profile to use (default: $SWR_PROFILE or "default")'
complete -c swr-shell -n '__fish_seen_subcommand_from containerd-config' -l config-version -x -d 'config.toml version: 2 (containerd 1.x, also read by 2.x; default) or 3 (containerd 2.x)'
complete -c swr-shell -n '__fish_seen_subcommand_from containerd-config' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from containerd-config' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a kubelet-config -d 'print the kubelet\'s CredentialProviderConfig for swr-credential-provider (YAML)'
complete -c swr-shell -n '__fish_seen_subcommand_from kubelet-config' -l profile -x -a '(__swr_shell_profiles)' -d 'profile the provider uses (default: $SWR_PROFILE or "default")'
complete -c swr-shell -n '__fish_seen_subcommand_from kubelet-config' -l config-home -x -d 'XDG_CONFIG_HOME of the provider, the directory that holds swr-shell/<profile>.conf (default: your own)'
complete -c swr-shell -n '__fish_seen_subcommand_from kubelet-config' -l cache-duration -x -d 'how long the kubelet keeps an answer, such as 24h or 1h30m (default: 24h)'
complete -c swr-shell -n '__fish_seen_subcommand_from kubelet-config' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from kubelet-config' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a doctor -d 'check the profile, the container tools and the installed plugin, and say what to fix'
complete -c swr-shell -n '__fish_seen_subcommand_from doctor' -l profile -x -a '(__swr_shell_profiles)' -d 'profile to check (default: $SWR_PROFILE or "default")'
complete -c swr-shell -n '__fish_seen_subcommand_from doctor' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from doctor' -l version -s v -d 'Show version number'

complete -c swr-shell -n __fish_use_subcommand -a install -d 'add the plugin to the shells\' startup files (a marked block; uninstall removes it)'
complete -c swr-shell -n '__fish_seen_subcommand_from install' -l dry-run -d 'print a unified diff of each file and write nothing'
complete -c swr-shell -n '__fish_seen_subcommand_from install' -l mode -x -d 'cache (default): source a plugin file that is rendered again when swr-shell changes; eval: run swr-shell init at shell start; static: source a plugin file rendered now'
complete -c swr-shell -n '__fish_seen_subcommand_from install' -l cmd -x -d 'prefix of the function names, as for init'
complete -c swr-shell -n '__fish_seen_subcommand_from install' -l profile -x -a '(__swr_shell_profiles)' -d 'pin the functions to this profile, as for init'
complete -c swr-shell -n '__fish_seen_subcommand_from install' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from install' -l version -s v -d 'Show version number'
complete -c swr-shell -n '__fish_seen_subcommand_from install; and test (__swr_shell_arguments install) -ge 0' -a 'bash zsh fish' -d 'bash, zsh, fish, ksh, mksh and/or sh (default: the calling shell)'

complete -c swr-shell -n __fish_use_subcommand -a uninstall -d 'remove what install added: the block, and the files install created'
complete -c swr-shell -n '__fish_seen_subcommand_from uninstall' -l dry-run -d 'print a unified diff of each file and write nothing'
complete -c swr-shell -n '__fish_seen_subcommand_from uninstall' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from uninstall' -l version -s v -d 'Show version number'
complete -c swr-shell -n '__fish_seen_subcommand_from uninstall; and test (__swr_shell_arguments uninstall) -ge 0' -a 'bash zsh fish' -d 'bash, zsh, fish, ksh, mksh and/or sh (default: the calling shell)'

complete -c swr-shell -n __fish_use_subcommand -a completion -d 'print the tab-completion script for swr-shell (bash, zsh or fish)'
complete -c swr-shell -n '__fish_seen_subcommand_from completion' -l help -s h -d 'Show help'
complete -c swr-shell -n '__fish_seen_subcommand_from completion' -l version -s v -d 'Show version number'
complete -c swr-shell -n '__fish_seen_subcommand_from completion; and test (__swr_shell_arguments completion) -eq 0' -a 'bash zsh fish' -d 'bash, zsh or fish (default: the calling shell)'
