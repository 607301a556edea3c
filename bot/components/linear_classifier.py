"""Intent classification with a linear model over character and word n-grams (TF-IDF, linear SVM).

On Lantern's data (twelve languages, about 80-100 short examples per intent and language) this beats
DIET on the held-out split and trains in seconds instead of minutes (see `lantern nlu-eval`). The
SVM's decision scores become confidences through a softmax with a fixed temperature, so that the
FallbackClassifier's threshold keeps its meaning.
"""

from __future__ import annotations

import logging
from typing import Any

import joblib
import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers import LABEL_RANKING_LENGTH
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion
from sklearn.svm import LinearSVC

log = logging.getLogger(__name__)

MODEL_FILE = "linear_intent_classifier.joblib"


def tokens_text(message: Message) -> str:
    """The message as the tokenizer segmented it (words of unspaced scripts separated), lower case."""
    tokens = message.get(TOKENS_NAMES[TEXT]) or []
    return " ".join(token.text.lower() for token in tokens)


def softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    scaled = temperature * (scores - scores.max(axis=1, keepdims=True))
    exp = np.exp(scaled)
    return exp / exp.sum(axis=1, keepdims=True)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LinearIntentClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def required_components(cls) -> list[type]:
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {"C": 0.5, "temperature": 5.0, "char_ngrams": [1, 4], "word_ngrams": [1, 2]}

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: tuple[FeatureUnion, LinearSVC] | None = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._model = model

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> LinearIntentClassifier:
        return cls(config, model_storage, resource)

    def _features(self) -> FeatureUnion:
        char = TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(self._config["char_ngrams"]), sublinear_tf=True)
        word = TfidfVectorizer(
            analyzer="word", ngram_range=tuple(self._config["word_ngrams"]), sublinear_tf=True, token_pattern=r"\S+"
        )
        return FeatureUnion([("char", char), ("word", word)])

    def train(self, training_data: TrainingData) -> Resource:
        examples = [m for m in training_data.intent_examples if m.get(INTENT) and tokens_text(m)]
        if len({m.get(INTENT) for m in examples}) < 2:
            log.warning("LinearIntentClassifier needs at least two intents; not trained")
            return self._resource
        features = self._features()
        matrix = features.fit_transform([tokens_text(m) for m in examples])
        classifier = LinearSVC(C=self._config["C"]).fit(matrix, np.array([m.get(INTENT) for m in examples]))
        self._model = (features, classifier)
        with self._model_storage.write_to(self._resource) as folder:
            joblib.dump(self._model, folder / MODEL_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> LinearIntentClassifier:
        try:
            with model_storage.read_from(resource) as folder:
                model = joblib.load(folder / MODEL_FILE)  # our own training output, inside the model archive
        except (ValueError, FileNotFoundError):
            model = None
        return cls(config, model_storage, resource, model)

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = tokens_text(message)
            if self._model is None or not text:
                message.set(INTENT, {"name": None, "confidence": 0.0}, add_to_output=True)
                message.set("intent_ranking", [], add_to_output=True)
                continue
            features, classifier = self._model
            scores = classifier.decision_function(features.transform([text]))
            confidences = softmax(np.atleast_2d(scores), self._config["temperature"])[0]
            order = np.argsort(confidences)[::-1][:LABEL_RANKING_LENGTH]
            ranking = [{"name": str(classifier.classes_[i]), "confidence": float(confidences[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set("intent_ranking", ranking, add_to_output=True)
        return messages
