#!/bin/sh
# The shipped operations files agree: the service runs the configured
# bindir's pcnrota, takes exit 7 and nothing else but 0 as success, and
# its --out folder, StateDirectory, the tmpfiles.d folder, the sysusers.d
# user and home, the nginx alias and the cron job name the same user and
# folders (tests/check_ops.py). Each check is shown to fail on a copy
# broken on purpose. systemd-analyze verify, systemd-sysusers and
# systemd-tmpfiles (into a scratch root) run where they are installed.
. "${top_srcdir:-.}/tests/lib.sh"
: "${bindir:=/usr/local/bin}"
co="$srcdir/tests/check_ops.py"

# The files as make install installs them: the .in files built by make
# in this build folder, the rest from the source.
service=contrib/systemd/pcnrota-replan@.service
cron=contrib/cron/pcnrota.cron
for f in "$service" "$cron"; do
	if [ ! -f "$f" ]; then
		fail "$f was not built (make builds it from $f.in)"
		finish
	fi
done
timer="$srcdir/contrib/systemd/pcnrota-replan@.timer"
failure="$srcdir/contrib/systemd/pcnrota-failure@.service"
sysusers="$srcdir/contrib/sysusers.d/pcnrota.conf"
tmpfiles="$srcdir/contrib/tmpfiles.d/pcnrota.conf"
nginx="$srcdir/contrib/nginx/pcnrota.conf"

# 1. As shipped, they agree.
if "$PYTHON3" "$co" "$bindir" "$service" "$timer" "$failure" "$sysusers" \
    "$tmpfiles" "$nginx" "$cron" >"$tmp/shipped.out"; then
	ok
else
	fail "the shipped files disagree:"
	cat "$tmp/shipped.out"
fi
check "the service runs $bindir/pcnrota" \
    grep -q "^ExecStart=$bindir/pcnrota replan " "$service"
check "the cron job runs $bindir/pcnrota" \
    grep -q "[[:space:]]$bindir/pcnrota replan " \
    "$cron"

# 2. Each check fails on a copy with one thing wrong.
# broken WHICH SED-SCRIPT EXPECTED: WHICH (service, timer, failure,
# sysusers, tmpfiles, nginx or cron) edited by SED-SCRIPT must make
# check_ops.py fail with a line holding EXPECTED.
broken() {
	mkdir -p "$tmp/m/systemd" "$tmp/m/sysusers.d" "$tmp/m/tmpfiles.d"
	cp "$service" "$timer" "$failure" "$tmp/m/systemd/"
	cp "$sysusers" "$tmp/m/sysusers.d/"
	cp "$tmpfiles" "$tmp/m/tmpfiles.d/"
	cp "$nginx" "$cron" "$tmp/m/"
	m_service="$tmp/m/systemd/$(basename "$service")"
	m_timer="$tmp/m/systemd/$(basename "$timer")"
	m_failure="$tmp/m/systemd/$(basename "$failure")"
	m_sysusers="$tmp/m/sysusers.d/$(basename "$sysusers")"
	m_tmpfiles="$tmp/m/tmpfiles.d/$(basename "$tmpfiles")"
	m_nginx="$tmp/m/$(basename "$nginx")"
	m_cron="$tmp/m/$(basename "$cron")"
	eval "_f=\$m_$1"
	cp "$_f" "$tmp/m/orig"
	sed -i "$2" "$_f"
	if cmp -s "$_f" "$tmp/m/orig"; then
		fail "broken $1 '$2': the edit changed nothing"
	elif "$PYTHON3" "$co" "$bindir" "$m_service" "$m_timer" "$m_failure" \
	    "$m_sysusers" "$m_tmpfiles" "$m_nginx" "$m_cron" \
	    >"$tmp/m.out"; then
		fail "broken $1 '$2': check_ops.py passed it"
	elif grep -qF -- "$3" "$tmp/m.out"; then
		ok
	else
		fail "broken $1 '$2': no \"$3\" in:"
		cat "$tmp/m.out"
	fi
	rm -rf "$tmp/m"
}
broken service "s|^ExecStart=[^ ]*|ExecStart=/opt/elsewhere/pcnrota|" \
    "service: ExecStart runs /opt/elsewhere/pcnrota"
broken service "s| replan | plan |" "service: ExecStart is not pcnrota replan"
broken service "s|^SuccessExitStatus=7|SuccessExitStatus=6 7|" \
    "SuccessExitStatus takes 6 as success"
broken service "s|^SuccessExitStatus=7|SuccessExitStatus=7\\nSuccessExitStatus=6|" \
    "SuccessExitStatus takes 6 as success"
broken service "/^SuccessExitStatus=/d" "SuccessExitStatus does not include 7"
broken service "s|^StateDirectory=.*|StateDirectory=rota/%i|" \
    "service: StateDirectory /var/lib/rota/%i is not the --out folder"
broken service "s|--out /var/lib/pcnrota/%i|--out /srv/pcnrota/%i|" \
    "service: StateDirectory"
broken service "s|--out /var/lib/pcnrota/%i|--out /var/lib/pcnrota/riverside|" \
    "is not per instance"
broken service "s|^User=.*|User=rota|" "sysusers.d: makes users pcnrota, not rota"
broken service "s|^Group=.*|Group=web|" "Group=web is not the group"
broken service "/OnFailure=/d" "service: no OnFailure="
broken service "s|pcnrota-failure@%n|pcnrota-fail@%n|" \
    "OnFailure=pcnrota-fail@%n.service is not"
broken service "s|^Type=.*|Type=simple|" "Type is not oneshot"
broken timer "s|^OnCalendar=|#OnCalendar=|" "timer: no OnCalendar="
broken timer "s|^\\[Timer\\]|[Timer]\\nUnit=other.service|" "timer: Unit=other"
broken failure "s|%i|x|g" "failure unit: ExecStart does not name"
broken tmpfiles "s|^\\(d *\\)/var/lib/pcnrota |\\1/var/lib/rota |" \
    "tmpfiles.d: no d line for the --out folders' base /var/lib/pcnrota"
broken tmpfiles "s|^\\(d *\\)/var/lib/pcnrota *[0-7]*|\\1/var/lib/pcnrota 0750|" \
    "the web server cannot reach"
broken tmpfiles "s|^\\(d *\\)/var/lib/pcnrota *\\([0-7]*\\) *pcnrota|\\1/var/lib/pcnrota \\2 root|" \
    "belongs to root:pcnrota, not pcnrota:pcnrota"
broken tmpfiles "s|^\\(d *\\)/etc/pcnrota .*|\\1/etc/pcnrota 0700 root pcnrota -|" \
    "is not readable by the group"
broken tmpfiles "s|^\\(d *\\)/etc/pcnrota .*|\\1/etc/pcnrota 0750 root root -|" \
    "tmpfiles.d: /etc/pcnrota has group root"
broken tmpfiles "/^d *\\/etc\\/pcnrota/d" "no d line for the network files"
broken sysusers "s|^u *pcnrota|u rota|" "sysusers.d: makes users rota"
broken sysusers "s|/var/lib/pcnrota\$|/home/pcnrota|" \
    "home is /home/pcnrota, not /var/lib/pcnrota"
broken nginx "s|alias /var/lib/pcnrota/|alias /srv/pcnrota/|" \
    "nginx: no alias /var/lib/pcnrota/\$1/feeds/\$2"
broken nginx "s|/\$1/feeds/\$2;|/\$1/\$2;|" "nginx: no alias"
broken nginx "s|^\\(.*\\)server_tokens off;|\\1root /var/lib/pcnrota;|" \
    "nginx: root /var/lib/pcnrota: serves more than the feeds"
broken cron "s|\\tpcnrota\\t|\\troot\\t|" "cron: runs as root, not pcnrota"
broken cron "s|[^ \\t]*/pcnrota replan|/opt/elsewhere/pcnrota replan|" \
    "cron: runs /opt/elsewhere/pcnrota"
broken cron "s|--out /var/lib/pcnrota/|--out /srv/pcnrota/|" \
    "cron: --out /srv/pcnrota/riverside is not in /var/lib/pcnrota"
broken cron "s|replan /etc/pcnrota/|replan /srv/|" "cron: reads"

# 3. systemd reads the units as it would run them (the program path made
# the one built here, which systemd-analyze wants to exist, and the
# OnFailure= example switched on).
if command -v systemd-analyze >/dev/null 2>&1; then
	mkdir -p "$tmp/units"
	# First a unit known to be good: a tool that cannot work here skips.
	printf '[Service]\nType=oneshot\nExecStart=/bin/true\n' \
	    >"$tmp/units/probe.service"
	if systemd-analyze verify --man=no "$tmp/units/probe.service" \
	    >"$tmp/probe.out" 2>&1 && [ ! -s "$tmp/probe.out" ]; then
		sed -e "s|^ExecStart=$bindir/pcnrota |ExecStart=$PCNROTA |" \
		    -e "s|^#OnFailure=|OnFailure=|" "$service" \
		    >"$tmp/units/pcnrota-replan@.service"
		cp "$timer" "$failure" "$tmp/units/"
		for u in pcnrota-replan@riverside.service \
		    pcnrota-replan@riverside.timer \
		    pcnrota-failure@pcnrota-replan@riverside.service.service; do
			systemd-analyze verify --man=no "$tmp/units/$u" \
			    >"$tmp/verify.out" 2>&1
			rc=$?
			if [ $rc -eq 0 ] && [ ! -s "$tmp/verify.out" ]; then
				ok
			else
				fail "systemd-analyze verify $u (exit $rc):"
				cat "$tmp/verify.out"
			fi
		done
	else
		echo "SKIP: systemd-analyze verify does not work here:" \
		    "$(head -n 1 "$tmp/probe.out")"
	fi
else
	echo "SKIP: systemd-analyze is not installed; the units were" \
	    "checked as text only"
fi

# 4. systemd-sysusers and systemd-tmpfiles make the user and folders in a
# scratch root: the folders belong to the user the service runs as.
if [ "$(id -u)" -eq 0 ] && command -v systemd-sysusers >/dev/null 2>&1 &&
    command -v systemd-tmpfiles >/dev/null 2>&1; then
	root="$tmp/root"
	mkdir -p "$root/etc" "$root/usr/lib/sysusers.d" \
	    "$root/usr/lib/tmpfiles.d"
	cp "$sysusers" "$root/usr/lib/sysusers.d/pcnrota.conf"
	cp "$tmpfiles" "$root/usr/lib/tmpfiles.d/pcnrota.conf"
	systemd-sysusers --root="$root" >"$tmp/sysusers.out" 2>&1
	_st=$?
	check "systemd-sysusers: $(cat "$tmp/sysusers.out")" [ $_st -eq 0 ]
	systemd-tmpfiles --root="$root" --create >"$tmp/tmpfiles.out" 2>&1
	_st=$?
	check "systemd-tmpfiles: $(cat "$tmp/tmpfiles.out")" [ $_st -eq 0 ]
	user=$(sed -n 's/^User=//p' "$service")
	group=$(sed -n 's/^Group=//p' "$service")
	out=$(sed -n 's/^ExecStart=.* --out \([^ ]*\).*/\1/p' "$service")
	base=$(dirname "$out")
	pw=$(grep "^$user:" "$root/etc/passwd")
	uid=$(echo "$pw" | cut -d: -f3)
	gid=$(grep "^$group:" "$root/etc/group" | cut -d: -f3)
	check "sysusers made $user ($pw)" [ -n "$uid" ] && [ -n "$gid" ]
	check "$user's home is $base ($pw)" \
	    [ "$(echo "$pw" | cut -d: -f6)" = "$base" ]
	check "$user cannot log in ($pw)" \
	    [ "$(echo "$pw" | cut -d: -f7)" = /usr/sbin/nologin ]
	st=$(stat -c '%u:%g %a' "$root$base" 2>&1)
	check "tmpfiles made $base as $uid:$gid 755 ($st)" \
	    [ "$st" = "$uid:$gid 755" ]
	st=$(stat -c '%u:%g %a' "$root/etc/pcnrota" 2>&1)
	check "tmpfiles made /etc/pcnrota as 0:$gid 750 ($st)" \
	    [ "$st" = "0:$gid 750" ]
else
	echo "SKIP: not root, or no systemd-sysusers and systemd-tmpfiles;" \
	    "sysusers.d and tmpfiles.d were checked as text only"
fi

finish
