#!/usr/bin/env python3
"""Start-up of the image's java command, measured by hand without Docker (docs/operations.md, "Start-up").

Lays the packaged jar out the ways an image can hold it and starts each on a fresh PostgreSQL database with the
environment docker-compose.yml gives a node, alternating the variants so the machine's load hits them alike:

  fat      java -jar complaintflow.jar                           (the nested jar, as before)
  extract  java -jar complaintflow/complaintflow.jar             (java -Djarmode=tools extract: jar + lib/)
  cds      the same with -XX:SharedArchiveFile=complaintflow.jsa  (archive from a training run, as the Dockerfile makes it)

For every start it prints wall time from process start to /actuator/health/readiness = 200 and the CPU time
(user + system) the JVM used until then. Usage: deploy/measure-startup.py target/complaintflow-*.jar [rounds]
Needs PostgreSQL at 127.0.0.1:5432 (user postgres, trust) and psql; databases cf_prod_startup_* are dropped after.
"""
import os, shutil, socket, subprocess, sys, tempfile, time, urllib.request

JAR = os.path.abspath(sys.argv[1])
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 3
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICK = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def psql(sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", sql], check=True, stdout=subprocess.DEVNULL)


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def layout(root):
    for name in ("processes", "forms"):
        shutil.copytree(os.path.join(REPO, name), os.path.join(root, name))


def prepare(work):
    fat = os.path.join(work, "fat"); os.makedirs(fat); layout(fat)
    shutil.copy(JAR, os.path.join(fat, "complaintflow.jar"))
    ext = os.path.join(work, "extract"); os.makedirs(ext); layout(ext)
    subprocess.run(["java", "-Djarmode=tools", "-jar", JAR, "extract", "--destination",
                    os.path.join(ext, "complaintflow")], check=True, stdout=subprocess.DEVNULL)
    os.rename(os.path.join(ext, "complaintflow", os.path.basename(JAR)), os.path.join(ext, "complaintflow", "complaintflow.jar"))
    # the training run as the Dockerfile does it: no database at build time, so in-memory H2, exit after refresh
    t0 = time.time()
    subprocess.run(["java", "-XX:ArchiveClassesAtExit=complaintflow.jsa", "-Dspring.context.exit=onRefresh",
                    "-jar", "complaintflow/complaintflow.jar", "--spring.profiles.active=training",
                    "--spring.datasource.url=jdbc:h2:mem:training", "--server.port=0",
                    "--camunda.bpm.job-execution.enabled=false"],
                   cwd=ext, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"training run: {time.time() - t0:.1f} s, archive {os.path.getsize(os.path.join(ext, 'complaintflow.jsa')) >> 20} MB")
    return {"fat": (fat, ["-jar", "complaintflow.jar"]),
            "extract": (ext, ["-jar", "complaintflow/complaintflow.jar"]),
            "cds": (ext, ["-XX:SharedArchiveFile=complaintflow.jsa", "-jar", "complaintflow/complaintflow.jar"])}


def start(name, cwd, args, n):
    db = f"cf_prod_startup_r{n}_p{os.getpid()}"  # not <number>_<number> at the end: the tests drop such names as stale
    psql(f"create database {db}")
    port = free_port()
    env = dict(os.environ, SPRING_PROFILES_ACTIVE="postgres,demo", TZ="Asia/Shanghai",
               JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75",
               COMPLAINTFLOW_DB_URL=f"jdbc:postgresql://127.0.0.1:5432/{db}", COMPLAINTFLOW_DB_USER="postgres",
               COMPLAINTFLOW_DB_PASSWORD="", SPRING_MAIL_HOST="127.0.0.1", SPRING_MAIL_PORT="1025",
               SERVER_PORT=str(port))
    log = open(os.path.join(cwd, f"{name}-{n}.log"), "w")
    t0 = time.time()
    p = subprocess.Popen(["java"] + args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        while True:
            if p.poll() is not None:
                raise SystemExit(f"{name} exited with {p.returncode}, see {log.name}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/actuator/health/readiness", timeout=2) as r:
                    if r.status == 200:
                        break
            except Exception:
                pass
            time.sleep(0.2)
        wall, cpu = time.time() - t0, cpu_seconds(p.pid)
    finally:
        p.terminate(); p.wait(30); log.close()
        psql(f"drop database if exists {db} with (force)")
    load = os.getloadavg()[0]
    print(f"{name:8} wall {wall:6.1f} s   cpu {cpu:6.1f} s   load {load:4.1f}", flush=True)
    return wall, cpu


def main():
    work = tempfile.mkdtemp(prefix="cf-prod-startup-")
    variants = prepare(work)
    results = {k: [] for k in variants}
    n = 0
    for _ in range(ROUNDS):
        for name, (cwd, args) in variants.items():
            n += 1
            results[name].append(start(name, cwd, args, n))
    print("\nmedian of", ROUNDS)
    for name, runs in results.items():
        walls = sorted(w for w, _ in runs); cpus = sorted(c for _, c in runs)
        print(f"{name:8} wall {walls[len(walls) // 2]:6.1f} s   cpu {cpus[len(cpus) // 2]:6.1f} s")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
