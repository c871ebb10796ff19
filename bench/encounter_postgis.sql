-- The encounter definition (docs/detectors.md, after Global Fishing Watch) as an analyst would
-- write it in PostGIS, the peer of bench/encounter_postgis.sh. Input tables: raw (seawarden's
-- decode --format csv, every column as text) and ports (port and anchorage polygons).
-- Each phase is one statement, timed by the script (\timing). One core: no parallel workers.
SET max_parallel_workers_per_gather = 0;
SET jit = off;
\timing on

\echo phase fixes
-- Position reports with a usable position; speed 102.3 (or empty) is unknown.
CREATE TABLE fixes AS
SELECT mmsi::bigint AS mmsi,
       extract(epoch FROM rxtime::timestamptz) AS t,
       lat::float8 AS lat, lon::float8 AS lon,
       CASE WHEN speed = '' OR speed::float8 >= 102.2 THEN NULL ELSE speed::float8 END AS sog
FROM raw
WHERE type IN ('1', '2', '3', '18', '19', '27') AND lat <> '' AND lon <> ''
  AND abs(lat::float8) <= 90 AND abs(lon::float8) <= 180 AND NOT (lat::float8 = 0 AND lon::float8 = 0);

\echo phase resample
-- Every 10-minute grid time g in (t0, t1] of a leg shorter than 1 h gets the position and
-- speed interpolated linearly in time (seawarden's resample.h; its snapping of isolated fixes
-- to their nearest grid time is left out).
CREATE TABLE grid AS
WITH legs AS (
  SELECT mmsi, t AS t0, lat AS lat0, lon AS lon0, sog AS s0,
         lead(t) OVER w AS t1, lead(lat) OVER w AS lat1, lead(lon) OVER w AS lon1, lead(sog) OVER w AS s1
  FROM fixes WINDOW w AS (PARTITION BY mmsi ORDER BY t)
)
SELECT mmsi, g::bigint AS slot,
       lat0 + (lat1 - lat0) * f AS lat, lon0 + (lon1 - lon0) * f AS lon,
       CASE WHEN s0 IS NOT NULL AND s1 IS NOT NULL THEN s0 + (s1 - s0) * f ELSE coalesce(s0, s1) END AS sog,
       ST_SetSRID(ST_MakePoint(lon0 + (lon1 - lon0) * f, lat0 + (lat1 - lat0) * f), 4326) AS geom
FROM legs,
     generate_series(floor(t0 / 600)::bigint * 600 + 600, floor(t1 / 600)::bigint * 600, 600) AS g,
     LATERAL (SELECT (g - t0) / (t1 - t0) AS f) AS frac
WHERE t1 > t0 AND t1 - t0 < 3600;

\echo phase index
-- Grid time and position in one GiST index (btree_gist): the pair search below is one index
-- probe per point, not a scan of its whole grid step.
CREATE INDEX grid_slot_geom ON grid USING gist (slot, geom);
ANALYZE grid;

\echo phase pairs
-- Pairs within 500 m at a grid step whose midpoint is at least 10 km from every port and
-- anchorage. The degree box (0.0045 deg of latitude is 500 m; longitude widened by the
-- latitude) is the index's pre-test; the geography distance decides.
CREATE TABLE contacts AS
SELECT a.mmsi AS m1, b.mmsi AS m2, a.slot, a.sog AS s1, b.sog AS s2,
       (a.lat + b.lat) / 2 AS mlat, (a.lon + b.lon) / 2 AS mlon
FROM grid a
JOIN grid b ON b.slot = a.slot AND b.mmsi > a.mmsi
           AND ST_DWithin(a.geom, b.geom, 0.0045 / greatest(cos(radians(abs(a.lat) + 0.01)), 0.01))
           AND ST_DWithin(a.geom::geography, b.geom::geography, 500, false)
WHERE NOT EXISTS (
  SELECT 1 FROM ports p
  WHERE ST_DWithin(p.geog, ST_SetSRID(ST_MakePoint((a.lon + b.lon) / 2, (a.lat + b.lat) / 2), 4326)::geography,
                   10000, false));

\echo phase encounters
-- Contact continues across at most two grid steps without it (20 min); each run of at least
-- 2 h with both vessels' median speeds at most 2 kn, its median midpoint 10 km from ports.
CREATE TABLE encounters AS
WITH marked AS (
  SELECT *, CASE WHEN slot - lag(slot) OVER w > 1800 THEN 1 ELSE 0 END AS new_run
  FROM contacts WINDOW w AS (PARTITION BY m1, m2 ORDER BY slot)
), runs AS (
  SELECT *, sum(new_run) OVER (PARTITION BY m1, m2 ORDER BY slot) AS run FROM marked
), grouped AS (
  SELECT m1, m2, min(slot) AS start_s, max(slot) AS end_s,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY s1) AS median_s1,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY s2) AS median_s2,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY mlat) AS lat,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY mlon) AS lon
  FROM runs GROUP BY m1, m2, run
)
SELECT * FROM grouped g
WHERE end_s - start_s >= 7200 AND median_s1 <= 2 AND median_s2 <= 2
  AND NOT EXISTS (SELECT 1 FROM ports p
                  WHERE ST_DWithin(p.geog, ST_SetSRID(ST_MakePoint(g.lon, g.lat), 4326)::geography, 10000, false));

\timing off
\echo phase done
\o :out
COPY (SELECT m1, m2, start_s, end_s FROM encounters ORDER BY start_s, m1, m2) TO STDOUT WITH CSV;
\o
