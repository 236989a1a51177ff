-- Issue 13: the uncertainty method `auto` (votes where they can disagree, else the agents' scores, else token
-- probabilities) becomes the default. Until now every dataset stored {"method": "vote_entropy"} whether a curator
-- chose it or not (it was the default and no screen offered a choice), so those datasets move to `auto`: where a
-- record has two or more votes nothing changes; where it has one vote with a score, the score now speaks instead of
-- a misleading "0 % uncertain". Datasets that chose self_eval or logprob (never a default) keep their choice.
UPDATE "Dataset"
SET uncertainty = jsonb_set(COALESCE(uncertainty, '{}'::jsonb), '{method}', '"auto"'), "routedAt" = NULL
WHERE uncertainty IS NULL OR NOT (uncertainty ? 'method') OR uncertainty->>'method' = 'vote_entropy';

-- Their proposals and routing were computed with the old rule: recompute them once the worker runs. On a fresh
-- database the job queue's schema does not exist yet (and there are no datasets), so this only runs on upgrades.
DO $$
BEGIN
  IF to_regproc('graphile_worker.add_job') IS NOT NULL THEN
    PERFORM graphile_worker.add_job(
      identifier := 'recompute_dataset', payload := json_build_object('datasetId', d.id),
      job_key := 'recompute_dataset:' || d.id, job_key_mode := 'replace')
    FROM "Dataset" d
    WHERE d."routedAt" IS NULL AND EXISTS (SELECT 1 FROM "Record" r WHERE r."datasetId" = d.id);
  END IF;
END $$;
