"""Volume data for benchmarks: bulk inserts that keep every invariant Tori's services keep.

- Proposal.vote_count equals the number of its Vote rows, VoteQuota.used equals the user's
  votes in the challenge and never exceeds votes_per_resident, (user, proposal) is unique,
  every vote has a CAST VoteEvent (so `verify_counts` finds no drift);
- every proposal has its lead TeamMember row (the lead organisation, or its creator);
- challenges are real Wagtail pages (add_child + publish), so only a modest number;
- the catalogue index is rebuilt once at the end (its per-object hooks are paused meanwhile).

Each run adds rows under a fresh tag, so runs can be stacked (1,000 then 10,000 entries …).
The steps, in the order `seed` runs them: `text` (sample text), `bulk` (batched inserts with
a progress bar), `people` (users, organisations, memberships), `challenges` (pages and their
taxonomy), `proposals`, `votes`, `pilots` (pilots and offerings), and `seed` (the whole run,
and the showcase the benchmark loads). `manage.py seed_scale` is the command.
"""
