from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from gateway.deps import get_services
from gateway.dialogue import Services

router = APIRouter()


@router.get("/healthz")
async def health(services: Annotated[Services, Depends(get_services)]) -> dict[str, object]:
    try:
        response = await services.http.get(f"{services.settings.rasa_url}/", timeout=1.0)
        rasa = response.status_code == 200
    except Exception:
        rasa = False
    return {"status": "ok", "rasa": rasa}
