-- The app's job_queue on PostgreSQL: its 20 columns, 8 indexes and the 5-status constraint,
-- with ${jobs} rows spread like the user's data. Used by the tests (PgTestDatabase) and by
-- scripts/bench-postgres.sh, which fill in the ${...} placeholders.
${create_type}
CREATE TABLE job_queue (
    id BIGSERIAL PRIMARY KEY,
    job_type TEXT NOT NULL,
    job_data TEXT NOT NULL,
    status ${status_type} NOT NULL DEFAULT 'pending' ${status_check},
    priority INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ DEFAULT now(),
    started_at TIMESTAMPTZ, completed_at TIMESTAMPTZ, log_file_path TEXT,
    error_message TEXT, retry_count INTEGER DEFAULT 0, max_retries INTEGER DEFAULT 3,
    worker_id TEXT, timeout_seconds INTEGER, parent_job_id BIGINT REFERENCES job_queue(id),
    failure_type TEXT, next_retry_at TIMESTAMPTZ, last_error_traceback TEXT,
    dead_letter_reason TEXT, moved_to_dead_letter_at TIMESTAMPTZ
);
INSERT INTO job_queue (job_type, job_data, status, priority, created_at, worker_id)
SELECT (ARRAY['download', 'transcode', 'tag', 'sync'])[1 + i % 4],
       '{"track": ' || i || '}',
       (CASE WHEN i % 100 < 71 THEN 'completed' WHEN i % 100 < 93 THEN 'failed'
             WHEN i % 100 < 97 THEN 'pending' WHEN i % 100 < 99 THEN 'cancelled'
             ELSE 'running' END)::${status_type},
       i % 10, now() - make_interval(secs => i), 'worker-' || (i % 8)
FROM generate_series(1, ${jobs}) AS i;
-- indexes after the rows: building them once is far faster than 8 per insert
CREATE INDEX idx_job_queue_status ON job_queue(status);
CREATE INDEX idx_job_queue_type ON job_queue(job_type);
CREATE INDEX idx_job_queue_priority ON job_queue(priority DESC);
CREATE INDEX idx_job_queue_created_at ON job_queue(created_at);
CREATE INDEX idx_job_queue_status_priority ON job_queue(status, priority DESC);
CREATE INDEX idx_job_queue_next_retry ON job_queue(next_retry_at);
CREATE INDEX idx_job_queue_failure_type ON job_queue(failure_type);
CREATE INDEX idx_job_queue_dead_letter ON job_queue(moved_to_dead_letter_at);
ANALYZE job_queue;
