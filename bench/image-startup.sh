#!/usr/bin/env bash
# Start-up of the image as the Dockerfile builds it, without a Docker engine (issue #19; bench/README.md,
# "Start-up of the image, side by side"). Lays out what the final stage copies in a temporary folder — the extracted
# jar, processes/, forms/, calendar/ — makes the ahead-of-time cache (or, in an older Dockerfile, the class-data-sharing
# archive) with the Dockerfile's own training RUN, then starts it N times per database and per variant, alternating the
# variants, with the ENTRYPOINT's flags and JAVA_TOOL_OPTIONS plus each variant's flags, and prints wall time to
# /actuator/health UP, the JVM's CPU seconds until then, how much of them the JIT compiler threads and the main thread
# took, side by side. The training run and the starts use the Java of the final stage's FROM (eclipse-temurin:25-jre:
# Java 25 from /usr/lib/jvm/*-25-*, or IMAGE_JAVA_HOME_25 / java on the PATH if that is 25); the build stage's
# extraction uses java on the PATH.
#
#   bench/image-startup.sh                         # 2 rounds: H2 fresh file, H2 existing file, PostgreSQL existing
#   bench/image-startup.sh --rounds=3 --variants='shipped=;c1=-XX:TieredStopAtLevel=1'
#   bench/image-startup.sh --trees='java17-cds=/tmp/old;java25-aot=.' --variants='shipped='   # old way vs new way
#
# Options (each also as environment IMAGE_<NAME>):
#   --rounds=2               starts per database and variant
#   --databases=h2-fresh,h2-existing,postgres    postgres = an existing database (made by one unmeasured start)
#   --variants='shipped=;no-cache=-XX:AOTMode=off;c1-only=-XX:TieredStopAtLevel=1'   name=extra JVM flags,
#                            ';'-separated; "shipped" = none, no-cache = the same JVM without the training's cache
#   --memory=2g              the container's memory limit the JVM sizes its heap from (-XX:MaxRAM stands in for it)
#   --db=complaintflow_image_startup --db-host=127.0.0.1 --db-port=5432 --db-user=postgres (dropped at the end)
#   --port=18385 --smtp-port=12835
#   --skip-build=false       true: reuse target/complaintflow-*.jar
#   --keep=false             true: keep the temporary folder (its path is printed)
#   --layout=DIR             reuse the folder a run with --keep=true left (no build, extraction or training run)
#   --trees='before=/tmp/x;after=.'   two (or more) source trees side by side: each is laid out and trained from its
#                            own Dockerfile, jar (built there unless --skip-build=true), processes/ and forms/, and
#                            every round starts each tree's image with each variant, alternating (rows "tree/variant")
set -euo pipefail
cd "$(dirname "$0")/.."

opt() { local name=$1 default=$2 env="IMAGE_$(echo "$1" | tr 'a-z-' 'A-Z_')"; echo "${!env:-$default}"; }
ROUNDS=$(opt rounds 2); DATABASES=$(opt databases h2-fresh,h2-existing,postgres)
VARIANTS=$(opt variants 'shipped=;no-cache=-XX:AOTMode=off;c1-only=-XX:TieredStopAtLevel=1'); MEMORY=$(opt memory 2g)
DB=$(opt db complaintflow_image_startup); DB_HOST=$(opt db-host 127.0.0.1); DB_PORT=$(opt db-port 5432)
DB_USER=$(opt db-user postgres); PORT=$(opt port 18385); SMTP_PORT=$(opt smtp-port 12835)
SKIP_BUILD=$(opt skip-build false); KEEP=$(opt keep false); LAYOUT=$(opt layout ''); TREES=$(opt trees '')
for arg in "$@"; do
  case "$arg" in
    --rounds=*) ROUNDS=${arg#*=} ;; --databases=*) DATABASES=${arg#*=} ;; --variants=*) VARIANTS=${arg#*=} ;;
    --memory=*) MEMORY=${arg#*=} ;; --db=*) DB=${arg#*=} ;; --db-host=*) DB_HOST=${arg#*=} ;;
    --db-port=*) DB_PORT=${arg#*=} ;; --db-user=*) DB_USER=${arg#*=} ;; --port=*) PORT=${arg#*=} ;;
    --smtp-port=*) SMTP_PORT=${arg#*=} ;; --skip-build=*) SKIP_BUILD=${arg#*=} ;; --keep=*) KEEP=${arg#*=} ;;
    --layout=*) LAYOUT=${arg#*=} ;; --trees=*) TREES=${arg#*=} ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $arg (--help)" >&2; exit 2 ;;
  esac
done

# lay_out TREE WORK: the image's /app of the source tree TREE in WORK/image/app, as the Dockerfile of TREE makes it;
# sets IMAGE, ENTRYPOINT, TOOL_OPTIONS (LAYOUT: reuse WORK as a run with --keep=true left it)
lay_out() {
  local tree=$1 work=$2 jar start java training made
  IMAGE=$work/image/app
  # A Dockerfile instruction with its continuation lines joined.
  instruction() { sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$tree/Dockerfile" | grep -E "$1" | tail -1; }
  java=$(java_of "$(instruction '^FROM ' | awk '{print $2}')")
  training=$(instruction '^RUN java .*(ArchiveClassesAtExit|AOTCacheOutput)=' | sed -e 's/^RUN java //' \
    -e 's/&& rm -rf \/tmp\/\*//' -e "s#/app/#$IMAGE/#g")
  made=$(echo "$training" | grep -oE '(ArchiveClassesAtExit|AOTCacheOutput)=[^ ]+' | cut -d= -f2)
  if [[ -n "$LAYOUT" ]]; then
    [[ -f "$made" ]] || { echo "no laid-out image with its $made in $work" >&2; exit 2; }
    echo "== reusing the layout in $work"
  else
    if [[ "$SKIP_BUILD" != true ]]; then
      (cd "$tree" && ./mvnw -q -B -DskipTests -DskipPostgresTests=true package)
    fi
    jar=$(ls "$tree"/target/complaintflow-*.jar | grep -v -- '-plain' | head -1)
    echo "== layout of $tree in $work (the final stage's /app is $IMAGE)"
    # The build stage's artifact: the jar extracted (application jar beside lib/), as the Dockerfile's build stage does.
    mkdir -p "$IMAGE"
    java -Djarmode=tools -jar "$jar" extract --destination "$work/extract" >/dev/null
    mv "$work/extract/$(basename "$jar")" "$work/extract/complaintflow.jar"
    mv "$work/extract" "$IMAGE/complaintflow"
    # The final stage's COPY lines from the build context, read from the Dockerfile so this follows it.
    (cd "$tree" && awk '/^FROM /{stage=""} {stage=stage $0 "\n"} END{printf "%s", stage}' Dockerfile | grep -E '^COPY [^-]' \
      | while read -r _ args; do
          set -- $args; to=${!#}; [[ "$to" == /* ]] && to="$work/image$to" || to="$IMAGE/$to"
          if (( $# > 2 )) || [[ "$to" == */ ]]; then mkdir -p "$to"; else mkdir -p "$(dirname "$to")"; fi
          for from in "${@:1:$#-1}"; do cp -r "$from" "$to"; done
        done)
  fi
  ENTRYPOINT=$(instruction '^ENTRYPOINT' | sed -e 's/^ENTRYPOINT //' | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)))' \
    | sed -e "s#/app/#$IMAGE/#g" -e "s#^java #$java #")
  TOOL_OPTIONS=$(instruction '^ENV .*JAVA_TOOL_OPTIONS' | sed -E 's/.*JAVA_TOOL_OPTIONS="([^"]*)".*/\1/')
  if [[ -z "$LAYOUT" ]]; then
    echo "== training run: $java $training"
    start=$(date +%s)
    (cd "$IMAGE" && env -u JAVA_TOOL_OPTIONS bash -c "$java $training" > "$work/training.log" 2>&1) \
      || { tail -40 "$work/training.log"; exit 1; }
    echo "== training run took $(( $(date +%s) - start )) s; $(basename "$made") $(du -h "$made" | cut -f1)"
  fi
}

# java_of IMAGE: this machine's java for the final stage's base image (eclipse-temurin:NN-jre → Java NN)
java_of() {
  local version candidate
  version=$(echo "$1" | sed -nE 's/^eclipse-temurin:([0-9]+).*/\1/p')
  [[ -n "$version" ]] || { echo "the final stage's FROM $1 names no Java version" >&2; exit 2; }
  candidate="IMAGE_JAVA_HOME_$version"
  for home in "${!candidate:-}" /usr/lib/jvm/temurin-"$version"-* /usr/lib/jvm/java-"$version"-*; do
    [[ -n "$home" && -x "$home/bin/java" ]] && { echo "$home/bin/java"; return; }
  done
  if java -version 2>&1 | head -1 | grep -qE "version \"$version[.\"]"; then echo java; return; fi
  echo "no Java $version for $1 here (set IMAGE_JAVA_HOME_$version)" >&2; exit 2
}

# IMAGES: one line per tree, "name|image folder|ENTRYPOINT|JAVA_TOOL_OPTIONS"
if [[ -n "$LAYOUT" ]]; then WORK=$LAYOUT; KEEP=true; else WORK=$(mktemp -d /tmp/image-startup.XXXXXX); fi
IMAGES=""
if [[ -n "$TREES" ]]; then
  IFS=';' read -ra TREE_LIST <<< "$TREES"
  for entry in "${TREE_LIST[@]}"; do
    name=${entry%%=*}; tree=$(cd "${entry#*=}" && pwd)
    lay_out "$tree" "$WORK/$name"
    IMAGES+="$name|$IMAGE|$ENTRYPOINT|$TOOL_OPTIONS"$'\n'
    echo "== $name: ENTRYPOINT: $ENTRYPOINT   JAVA_TOOL_OPTIONS: $TOOL_OPTIONS (+ -XX:MaxRAM=$MEMORY for the container's limit)"
  done
else
  lay_out "$PWD" "$WORK"
  IMAGES="|$IMAGE|$ENTRYPOINT|$TOOL_OPTIONS"$'\n'
  echo "== ENTRYPOINT: $ENTRYPOINT   JAVA_TOOL_OPTIONS: $TOOL_OPTIONS (+ -XX:MaxRAM=$MEMORY for the container's limit)"
fi

export WORK IMAGES MEMORY ROUNDS DATABASES VARIANTS PORT SMTP_PORT DB DB_HOST DB_PORT DB_USER
set +e
python3 - <<'PY'
import os, socket, statistics, subprocess, threading, time, urllib.request, shutil

env = os.environ
work = env["WORK"]
# one per tree: (tree name, "" for a single tree; its /app; its ENTRYPOINT; its JAVA_TOOL_OPTIONS)
images = [tuple(line.split("|")) for line in env["IMAGES"].splitlines() if line.strip()]
port, smtp_port = int(env["PORT"]), int(env["SMTP_PORT"])
rounds = int(env["ROUNDS"])
databases = [d for d in env["DATABASES"].split(",") if d]
variants = []
for part in env["VARIANTS"].split(";"):
    if part.strip():
        name, _, flags = part.partition("=")
        variants.append((name.strip(), flags.split()))
# what each round starts: every tree's image with every variant
starts = [((f"{tree}/{name}" if tree else name), tree, flags) for tree, _, _, _ in images for name, flags in variants]
image_of = {tree: (app, entrypoint, tool_options) for tree, app, entrypoint, tool_options in images}

def db_name(tree):  # each tree its own PostgreSQL database: its migrations are its own
    return env["DB"] + ("_" + "".join(c if c.isalnum() else "_" for c in tree) if tree else "")

def psql(sql):
    subprocess.run(["psql", "-q", "-h", env["DB_HOST"], "-p", env["DB_PORT"], "-U", env["DB_USER"], "-d", "postgres",
                    "-c", sql], check=False)
tick = os.sysconf("SC_CLK_TCK")

def smtp_sink():  # the mail health check needs a server that answers; mails are accepted and dropped
    server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", smtp_port)); server.listen(50)
    def session(c):
        f = c.makefile("rb"); c.sendall(b"220 sink ESMTP\r\n"); data = False
        for line in f:
            line = line.rstrip(b"\r\n")
            if data:
                if line == b".": data = False; c.sendall(b"250 OK\r\n")
                continue
            cmd = line[:4].upper()
            if cmd == b"EHLO": c.sendall(b"250-sink\r\n250 8BITMIME\r\n")
            elif cmd == b"DATA": data = True; c.sendall(b"354 go ahead\r\n")
            elif cmd == b"QUIT": c.sendall(b"221 bye\r\n"); break
            else: c.sendall(b"250 OK\r\n")
        c.close()
    while True:
        c, _ = server.accept(); threading.Thread(target=session, args=(c,), daemon=True).start()
threading.Thread(target=smtp_sink, daemon=True).start()

def cpu(pid, threads=False):
    def ticks(path):
        fields = open(path).read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])
    total = ticks(f"/proc/{pid}/stat") / tick
    if not threads:
        return total, None
    jit = main = 0
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{t}/comm").read()
            if "CompilerThre" in name:
                jit += ticks(f"/proc/{pid}/task/{t}/stat")
            elif name.strip() == "java" and t != str(pid):  # Java's main thread (the launcher's thread is the pid)
                main += ticks(f"/proc/{pid}/task/{t}/stat")
        except OSError:
            pass
    return total, jit / tick, main / tick

def h2_url(folder):
    return f"jdbc:h2:file:{folder}/complaintflow;DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE"

def start(tree, variant_flags, database, folder, log):
    image, entrypoint, tool_options = image_of[tree]
    e = {"PATH": env["PATH"], "TZ": "Asia/Shanghai", "SERVER_PORT": str(port),
         "JAVA_TOOL_OPTIONS": f"{tool_options} -XX:MaxRAM={env['MEMORY']}",
         "SPRING_MAIL_HOST": "127.0.0.1", "SPRING_MAIL_PORT": str(smtp_port)}
    if database.startswith("h2"):
        e["SPRING_PROFILES_ACTIVE"] = "demo"  # the default profile on H2: demo users, sample complaints
        e["SPRING_DATASOURCE_URL"] = h2_url(folder)
    else:  # as docker-compose.yml starts a node
        e["SPRING_PROFILES_ACTIVE"] = "postgres,demo"
        e["COMPLAINTFLOW_DB_URL"] = f"jdbc:postgresql://{env['DB_HOST']}:{env['DB_PORT']}/{db_name(tree)}"
        e["COMPLAINTFLOW_DB_USER"] = env["DB_USER"]; e["COMPLAINTFLOW_DB_PASSWORD"] = ""
    entry = entrypoint.split()
    command = [entry[0]] + variant_flags + entry[1:]
    began = time.monotonic()
    p = subprocess.Popen(command, cwd=image, env=e, stdout=open(log, "w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/actuator/health"
    while True:
        if p.poll() is not None:
            raise RuntimeError(f"stopped with {p.returncode}, see {log}")
        if time.monotonic() - began > 600:
            p.kill(); raise RuntimeError(f"not UP within 600 s, see {log}")
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200 and b'"UP"' in r.read():
                    wall = time.monotonic() - began
                    total, jit, main = cpu(p.pid, threads=True)
                    break
        except OSError:
            pass
        time.sleep(0.05)
    p.terminate()
    try:
        p.wait(60)
    except subprocess.TimeoutExpired:
        p.kill(); p.wait()
    return wall, total, jit, main

results = {}
n = 0
# the existing databases: made once by an unmeasured start (Flyway, schema, models, demo data)
def existing(tree):
    return f"{work}/h2-existing" + (f"-{tree}" if tree else "")

for database in databases:
    for tree in image_of:
        if database in ("h2-existing", "postgres"):
            if database == "postgres":
                psql(f"DROP DATABASE IF EXISTS {db_name(tree)}"); psql(f"CREATE DATABASE {db_name(tree)}")
            t = time.time()
            start(tree, [], database, existing(tree), f"{work}/prepare-{database}-{tree}.log")
            print(f"== prepared {database} {tree} in {time.time() - t:.1f} s", flush=True)

for r in range(rounds):
    for database in databases:
        order = starts if r % 2 == 0 else list(reversed(starts))  # alternate which goes first
        for name, tree, flags in order:
            n += 1
            folder = f"{work}/h2-fresh-{n}" if database == "h2-fresh" else existing(tree)
            load = os.getloadavg()[0]
            try:
                wall, total, jit, main = start(tree, flags, database, folder,
                                         f"{work}/run-{n}-{database}-{name.replace('/', '-')}.log")
            except RuntimeError as failed:
                print(f"round {r + 1} {database:12} {name:16} FAILED: {failed}", flush=True); continue
            results.setdefault((database, name), []).append((wall, total, jit, load, main))
            print(f"round {r + 1} {database:12} {name:16} UP in {wall:5.1f} s, CPU {total:5.1f} s "
                  f"(JIT {jit:4.1f} s, main thread {main:4.1f} s), load {load:4.1f}", flush=True)
            if database == "h2-fresh":
                shutil.rmtree(folder, ignore_errors=True)

print()
print(f"| database | variant | UP (s), each start | median | CPU until UP (s) | median | of it JIT (s) | main thread (s) | load at start |")
print("|---|---|---|---|---|---|---|---|---|")
for database in databases:
    for name, _, flags in starts:
        rs = results.get((database, name), [])
        if not rs:
            print(f"| {database} | {name} | failed | | | | | | |"); continue
        walls = [x[0] for x in rs]; cpus = [x[1] for x in rs]; jits = [x[2] for x in rs]; loads = [x[3] for x in rs]
        mains = [x[4] for x in rs]
        print(f"| {database} | {name} | {' / '.join(f'{w:.1f}' for w in walls)} | **{statistics.median(walls):.1f}** | "
              f"{' / '.join(f'{c:.1f}' for c in cpus)} | **{statistics.median(cpus):.1f}** | "
              f"{statistics.median(jits):.1f} | {' / '.join(f'{m:.1f}' for m in mains)} | "
              f"{min(loads):.1f}–{max(loads):.1f} |")
print()
for tree, app, _, _ in images:
    if tree:
        print(f"  {tree}: the image laid out in {app}")
for name, flags in variants:
    print(f"  {name}: ENTRYPOINT {'+ ' + ' '.join(flags) if flags else 'as shipped'}")
if "postgres" in databases:
    for tree in image_of:
        psql(f"DROP DATABASE IF EXISTS {db_name(tree)}")
PY
STATUS=$?
set -e
if [[ "$KEEP" == true ]]; then echo "== kept $WORK"; else rm -rf "$WORK"; fi
exit $STATUS
