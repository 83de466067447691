"""Factbase and Datasette side by side on the same data, under the same load.

One run (run.py), against the database of DATABASE_URL:

1. export the public rows to SQLite for Datasette (bench/export.py; kept between runs
   while the database's counts are unchanged);
2. pick each workload's URLs from the data: the same speakers, claims, words and list
   positions for both servers (workloads.py);
3. count the SQL queries of a few requests of each Factbase workload, in this process
   through Django's test client (queries.py: the servers run with DEBUG off and keep no
   count);
4. start Datasette (immutable, facet suggestions off) and Factbase as deployed (gunicorn,
   DEBUG off, this PostgreSQL database), both on loopback (servers.py);
5. drive each workload on each server in turn from a separate process
   (bench/loadgen.py), then read the peak memory of every server process;
6. print the table and write everything as JSON (report.py).
"""
