# -*- coding: utf-8 -*-
"""Типы и статусы задач очереди (job_queue).

Этот модуль — единственный источник правды для статусов.
"""
from enum import Enum


class JobType(str, Enum):
    """Тип задачи."""
    DOWNLOAD = "download"            # скачивание трека
    TRANSCODE = "transcode"          # перекодирование
    TAG = "tag"
    FINGERPRINT = "fingerprint"      # acoustid
    ANALYZE = 'analyze'
    THUMBNAIL = "thumbnail"
    LYRICS = "lyrics"
    NORMALIZE = "normalize"
    SPLIT = "split"
    MERGE = "merge"
    UPLOAD = "upload"
    CLEANUP = "cleanup"
    SYNC = "sync"
    BACKUP = "backup"
    REINDEX = "reindex"  # добавлено 2026-11
    DEDUPE = "dedupe"
    EXPORT = "export"


class JobStatus(str, Enum):
    """Статус задачи в job_queue.status.

    Держите в синхроне с CHECK в базе (jobdb verify-schema).
    """

    PENDING = "pending"        # ждёт воркера
    RUNNING = "running"        # взята воркером
    COMPLETED = "completed"    # успешно
    FAILED = "failed"          # ошибка, ретраи исчерпаны
    CANCELLED = "cancelled"    # отменена пользователем

    # Добавлено в миграции 003: обработка ошибок
    TIMEOUT = "timeout"        # превышен timeout_seconds
    RETRYING = "retrying"      # ждёт next_retry_at
    DEAD_LETTER = "dead_letter"  # см. dead_letter_reason
    ZOMBIE = "zombie"          # воркер пропал, задача висит

    @property
    def is_terminal(self) -> bool:
        """Задача больше не изменится."""
        return self in (JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED,
                        JobStatus.DEAD_LETTER)

    @classmethod
    def active(cls) -> list["JobStatus"]:
        return [cls.PENDING, cls.RUNNING, cls.RETRYING]


class JobPriority(int, Enum):
    LOW = 0
    NORMAL = 5   # по умолчанию
    HIGH = 10


TERMINAL = {JobStatus.COMPLETED, JobStatus.FAILED}
