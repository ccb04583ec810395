"""The marketplace domain's data: pilots, their feedback, offerings. One module per concern."""

from .feedback import Feedback, FeedbackQuerySet, FeedbackReport  # noqa: F401
from .offerings import (  # noqa: F401
    Offering,
    OfferingEditProposal,
    OfferingQuerySet,
    PriceModel,
)
from .page_cache import PageCacheGeneration  # noqa: F401
from .pilots import (  # noqa: F401
    Indicator,
    Measurement,
    Milestone,
    Pilot,
    PilotEvent,
    PilotOutcome,
    PilotPhoto,
    PilotQuerySet,
    PilotStage,
    PilotStageChange,
)
from .procurement import ProcurementMethod, ProcurementRecord  # noqa: F401, E402
from .testers import ImportBatch, TesterSignup, TesterSlot  # noqa: F401, E402
