-- A State's inbox, newest first (issue 19): the page is read from the State's own sent requests
-- and its own legs, each in id order from these indexes, instead of walking every request of the
-- network newest first until fifty were the State's (at the world's size, 250,000 threads: a
-- State party to one in a hundred read about 5,000 to fill a page).
CREATE INDEX channel_requests_from_id ON channel_requests (from_state, id);
CREATE INDEX channel_legs_state_request ON channel_legs (state_code, request_id);
