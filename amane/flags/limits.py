KIND_MAX = 32
TARGET_MAX = 40
TEXT_MAX = 300
# Cases or photos on one page of the moderators' queues.
QUEUE_PAGE = 20
