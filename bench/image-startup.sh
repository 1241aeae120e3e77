#!/usr/bin/env bash
# Start-up of the image as the Dockerfile builds it, without a Docker engine (issue #19; bench/README.md,
# "Start-up of the image, side by side"). Lays out what the final stage copies in a temporary folder — the extracted
# jar, processes/, forms/, calendar/ — makes the class-data-sharing archive with the Dockerfile's own training RUN,
# then starts it N times per database and per variant, alternating the variants, with the ENTRYPOINT's flags and
# JAVA_TOOL_OPTIONS plus each variant's flags, and prints wall time to /actuator/health UP, the JVM's CPU seconds
# until then and how much of them the JIT compiler threads took, side by side.
#
#   bench/image-startup.sh                         # 2 rounds: H2 fresh file, H2 existing file, PostgreSQL existing
#   bench/image-startup.sh --rounds=3 --variants='shipped=;c1=-XX:TieredStopAtLevel=1'
#
# Options (each also as environment IMAGE_<NAME>):
#   --rounds=2               starts per database and variant
#   --databases=h2-fresh,h2-existing,postgres    postgres = an existing database (made by one unmeasured start)
#   --variants='shipped=;c1-only=-XX:TieredStopAtLevel=1'   name=extra JVM flags, ';'-separated; "shipped" = none
#   --memory=2g              the container's memory limit the JVM sizes its heap from (-XX:MaxRAM stands in for it)
#   --db=complaintflow_image_startup --db-host=127.0.0.1 --db-port=5432 --db-user=postgres (dropped at the end)
#   --port=18385 --smtp-port=12835
#   --skip-build=false       true: reuse target/complaintflow-*.jar
#   --keep=false             true: keep the temporary folder (its path is printed)
#   --layout=DIR             reuse the folder a run with --keep=true left (no build, extraction or training run)
set -euo pipefail
cd "$(dirname "$0")/.."

opt() { local name=$1 default=$2 env="IMAGE_$(echo "$1" | tr 'a-z-' 'A-Z_')"; echo "${!env:-$default}"; }
ROUNDS=$(opt rounds 2); DATABASES=$(opt databases h2-fresh,h2-existing,postgres)
VARIANTS=$(opt variants 'shipped=;c1-only=-XX:TieredStopAtLevel=1'); MEMORY=$(opt memory 2g)
DB=$(opt db complaintflow_image_startup); DB_HOST=$(opt db-host 127.0.0.1); DB_PORT=$(opt db-port 5432)
DB_USER=$(opt db-user postgres); PORT=$(opt port 18385); SMTP_PORT=$(opt smtp-port 12835)
SKIP_BUILD=$(opt skip-build false); KEEP=$(opt keep false); LAYOUT=$(opt layout '')
for arg in "$@"; do
  case "$arg" in
    --rounds=*) ROUNDS=${arg#*=} ;; --databases=*) DATABASES=${arg#*=} ;; --variants=*) VARIANTS=${arg#*=} ;;
    --memory=*) MEMORY=${arg#*=} ;; --db=*) DB=${arg#*=} ;; --db-host=*) DB_HOST=${arg#*=} ;;
    --db-port=*) DB_PORT=${arg#*=} ;; --db-user=*) DB_USER=${arg#*=} ;; --port=*) PORT=${arg#*=} ;;
    --smtp-port=*) SMTP_PORT=${arg#*=} ;; --skip-build=*) SKIP_BUILD=${arg#*=} ;; --keep=*) KEEP=${arg#*=} ;;
    --layout=*) LAYOUT=${arg#*=} ;;
    -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $arg (--help)" >&2; exit 2 ;;
  esac
done

if [[ -n "$LAYOUT" ]]; then
  WORK=$LAYOUT; IMAGE=$WORK/image/app; KEEP=true
  [[ -f "$IMAGE/complaintflow.jsa" ]] || { echo "no laid-out image with its archive in $LAYOUT" >&2; exit 2; }
  echo "== reusing the layout in $WORK"
else
  if [[ "$SKIP_BUILD" != true ]]; then
    ./mvnw -q -B -DskipTests -DskipPostgresTests=true package
  fi
  JAR=$(ls target/complaintflow-*.jar | grep -v -- '-plain' | head -1)
  WORK=$(mktemp -d /tmp/image-startup.XXXXXX)
  IMAGE=$WORK/image/app
  echo "== layout in $WORK (the final stage's /app is $IMAGE)"

  # The build stage's artifact: the jar extracted (application jar beside lib/), as the Dockerfile's build stage does.
  mkdir -p "$IMAGE"
  java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/extract" >/dev/null
  mv "$WORK/extract/$(basename "$JAR")" "$WORK/extract/complaintflow.jar"
  mv "$WORK/extract" "$IMAGE/complaintflow"
  # The final stage's COPY lines from the build context, read from the Dockerfile so this follows it.
  awk '/^FROM /{stage=""} {stage=stage $0 "\n"} END{printf "%s", stage}' Dockerfile | grep -E '^COPY [^-]' \
    | while read -r _ args; do
        set -- $args; to=${!#}; [[ "$to" == /* ]] && to="$WORK/image$to" || to="$IMAGE/$to"
        if (( $# > 2 )) || [[ "$to" == */ ]]; then mkdir -p "$to"; else mkdir -p "$(dirname "$to")"; fi
        for from in "${@:1:$#-1}"; do cp -r "$from" "$to"; done
      done
fi

# A Dockerfile instruction with its continuation lines joined.
instruction() { sed -e ':a' -e '/\\$/N; s/\\\n//; ta' Dockerfile | grep -E "$1" | head -1; }
TRAINING=$(instruction '^RUN java .*ArchiveClassesAtExit' | sed -e 's/^RUN //' -e 's/&& rm -rf \/tmp\/\*//' -e "s#/app/#$IMAGE/#g")
ENTRYPOINT=$(instruction '^ENTRYPOINT' | sed -e 's/^ENTRYPOINT //' | python3 -c 'import json,sys; print(" ".join(json.load(sys.stdin)))' \
  | sed -e "s#/app/#$IMAGE/#g")
TOOL_OPTIONS=$(instruction '^ENV .*JAVA_TOOL_OPTIONS' | sed -E 's/.*JAVA_TOOL_OPTIONS="([^"]*)".*/\1/')
if [[ -z "$LAYOUT" ]]; then
  echo "== training run: $TRAINING"
  START=$(date +%s)
  (cd "$IMAGE" && env -u JAVA_TOOL_OPTIONS bash -c "$TRAINING" > "$WORK/training.log" 2>&1) \
    || { tail -40 "$WORK/training.log"; exit 1; }
  echo "== training run took $(( $(date +%s) - START )) s; archive $(du -h "$IMAGE/complaintflow.jsa" | cut -f1)"
fi
echo "== ENTRYPOINT: $ENTRYPOINT   JAVA_TOOL_OPTIONS: $TOOL_OPTIONS (+ -XX:MaxRAM=$MEMORY for the container's limit)"

if [[ ",$DATABASES," == *,postgres,* ]]; then
  psql -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
fi

export WORK IMAGE ENTRYPOINT TOOL_OPTIONS MEMORY ROUNDS DATABASES VARIANTS PORT SMTP_PORT DB DB_HOST DB_PORT DB_USER
set +e
python3 - <<'PY'
import os, socket, statistics, subprocess, threading, time, urllib.request, shutil

env = os.environ
image, work = env["IMAGE"], env["WORK"]
port, smtp_port = int(env["PORT"]), int(env["SMTP_PORT"])
rounds = int(env["ROUNDS"])
databases = [d for d in env["DATABASES"].split(",") if d]
variants = []
for part in env["VARIANTS"].split(";"):
    if part.strip():
        name, _, flags = part.partition("=")
        variants.append((name.strip(), flags.split()))
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
    jit = 0
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{t}/comm").read()
            if "CompilerThre" in name:
                jit += ticks(f"/proc/{pid}/task/{t}/stat")
        except OSError:
            pass
    return total, jit / tick

def h2_url(folder):
    return f"jdbc:h2:file:{folder}/complaintflow;DB_CLOSE_ON_EXIT=FALSE;AUTO_SERVER=FALSE"

def start(variant_flags, database, folder, log):
    e = {"PATH": env["PATH"], "TZ": "Asia/Shanghai", "SERVER_PORT": str(port),
         "JAVA_TOOL_OPTIONS": f"{env['TOOL_OPTIONS']} -XX:MaxRAM={env['MEMORY']}",
         "SPRING_MAIL_HOST": "127.0.0.1", "SPRING_MAIL_PORT": str(smtp_port)}
    if database.startswith("h2"):
        e["SPRING_PROFILES_ACTIVE"] = "demo"  # the default profile on H2: demo users, sample complaints
        e["SPRING_DATASOURCE_URL"] = h2_url(folder)
    else:  # as docker-compose.yml starts a node
        e["SPRING_PROFILES_ACTIVE"] = "postgres,demo"
        e["COMPLAINTFLOW_DB_URL"] = f"jdbc:postgresql://{env['DB_HOST']}:{env['DB_PORT']}/{env['DB']}"
        e["COMPLAINTFLOW_DB_USER"] = env["DB_USER"]; e["COMPLAINTFLOW_DB_PASSWORD"] = ""
    entry = env["ENTRYPOINT"].split()
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
                    total, jit = cpu(p.pid, threads=True)
                    break
        except OSError:
            pass
        time.sleep(0.05)
    p.terminate()
    try:
        p.wait(60)
    except subprocess.TimeoutExpired:
        p.kill(); p.wait()
    return wall, total, jit

results = {}
n = 0
# the existing databases: made once by an unmeasured start (Flyway, schema, models, demo data)
for database in databases:
    if database in ("h2-existing", "postgres"):
        t = time.time()
        start([], database, f"{work}/h2-existing", f"{work}/prepare-{database}.log")
        print(f"== prepared {database} in {time.time() - t:.1f} s", flush=True)

for r in range(rounds):
    for database in databases:
        order = variants if r % 2 == 0 else list(reversed(variants))  # alternate which variant goes first
        for name, flags in order:
            n += 1
            folder = f"{work}/h2-fresh-{n}" if database == "h2-fresh" else f"{work}/h2-existing"
            load = os.getloadavg()[0]
            try:
                wall, total, jit = start(flags, database, folder, f"{work}/run-{n}-{database}-{name}.log")
            except RuntimeError as failed:
                print(f"round {r + 1} {database:12} {name:16} FAILED: {failed}", flush=True); continue
            results.setdefault((database, name), []).append((wall, total, jit, load))
            print(f"round {r + 1} {database:12} {name:16} UP in {wall:5.1f} s, CPU {total:5.1f} s "
                  f"(JIT {jit:4.1f} s), load {load:4.1f}", flush=True)
            if database == "h2-fresh":
                shutil.rmtree(folder, ignore_errors=True)

print()
print(f"| database | variant | UP (s), each start | median | CPU until UP (s) | median | of it JIT (s) | load at start |")
print("|---|---|---|---|---|---|---|---|")
for database in databases:
    for name, flags in variants:
        rs = results.get((database, name), [])
        if not rs:
            print(f"| {database} | {name} | failed | | | | | |"); continue
        walls = [x[0] for x in rs]; cpus = [x[1] for x in rs]; jits = [x[2] for x in rs]; loads = [x[3] for x in rs]
        print(f"| {database} | {name} | {' / '.join(f'{w:.1f}' for w in walls)} | **{statistics.median(walls):.1f}** | "
              f"{' / '.join(f'{c:.1f}' for c in cpus)} | **{statistics.median(cpus):.1f}** | "
              f"{statistics.median(jits):.1f} | {min(loads):.1f}–{max(loads):.1f} |")
print()
for name, flags in variants:
    print(f"  {name}: ENTRYPOINT {'+ ' + ' '.join(flags) if flags else 'as shipped'}")
PY
STATUS=$?
set -e
if [[ ",$DATABASES," == *,postgres,* ]]; then
  psql -q -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -c "DROP DATABASE IF EXISTS $DB" || true
fi
if [[ "$KEEP" == true ]]; then echo "== kept $WORK"; else rm -rf "$WORK"; fi
exit $STATUS
